import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { toDocx } from "../../src/analytics/doc-docx.js";
import { toPdf } from "../../src/analytics/doc-pdf.js";
import { labelGroups } from "../../src/analytics/gap-groups.js";
import { shareableGroups } from "../../src/analytics/privacy.js";
import { groupQuestions } from "../../src/analytics/question-groups.js";
import { quarterReport, type QuarterInput } from "../../src/analytics/quarterly.js";
import { rollUp, type LogRow } from "../../src/analytics/rollup.js";
import { previousQuarter, quarterDays } from "../../src/analytics/vn-time.js";

let id = 1;
const row = (user: string, day: string, text: string, band = "fallback", topic: string | null = null): LogRow => ({ id: id++, createdAt: new Date(`${day}T09:00:00+07:00`), userKey: user, text, band, matchedId: band === "answer" ? "cccd-1" : null, topic, latencyMs: 50, chosenId: null });
const PAY = "thanh toán lệ phí bị lỗi, bị trừ tiền rồi";
const q4 = [
  ...["a", "b", "c", "d"].map((u) => row(u, "2026-10-05", PAY)),
  row("e", "2026-11-02", "số cccd 001203004567 thanh toán bị lỗi"),
  ...["a", "b"].map((u) => row(u, "2026-11-10", "có ai nói tiếng Mông không")),
  ...["a", "b", "c"].map((u) => row(u, "2026-12-01", "làm căn cước ở đâu", "answer", "cccd")),
];
const q3 = [row("a", "2026-08-01", PAY), row("b", "2026-08-02", "tôi muốn phản ánh thái độ cán bộ xã Tân Sơn")];
const facts = (rows: LogRow[]) => rollUp({ rows, later: [], handoffs: [], seenBefore: new Set(), containment: true });
const tokens = (t: string) => t.toLowerCase().split(/[\s,]+/).filter(Boolean);
const groupable = q4.map((r) => ({ ...r }));
const input: QuarterInput = {
  quarter: "2026-Q4",
  previous: previousQuarter("2026-Q4"),
  ...quarterDays("2026-Q4"),
  complete: true,
  facts: facts(q4),
  before: facts(q3),
  handoffs: [],
  handoffsBefore: [],
  groups: labelGroups(shareableGroups(groupQuestions(groupable, tokens, { maxExamples: 4 })), groupable, []),
  madeOn: "05/01/2027",
};

describe("the quarterly report", () => {
  const doc = quarterReport(input);
  const all = JSON.stringify(doc);

  it("has the quarter's figures, the main gaps with wordings from 3 citizens, trends and proposals", () => {
    expect(doc.title).toBe("BÁO CÁO QUÝ IV NĂM 2026");
    expect(all).toContain("Số câu hỏi người dân gửi");
    expect(all).toContain("1. Thanh toán trực tuyến lỗi hoặc khó hiểu");
    expect(all).toContain(`«${PAY}»`);
    expect(all).not.toContain("tiếng Mông không»"); // 2 citizens only: counted, never quoted
    expect(all).toContain("Quý III/2026");
    expect(all).toContain("Đề nghị tỉnh xem xét cùng đơn vị cung cấp dịch vụ thanh toán");
    expect(all).not.toContain("001203004567");
  });

  it("opens as a Word document whose text is the Vietnamese report", async () => {
    const files = unzipSync(new Uint8Array(await toDocx(doc)));
    const xml = strFromU8(files["word/document.xml"] as Uint8Array);
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("BÁO CÁO QUÝ IV NĂM 2026");
    expect(text).toContain("NHỮNG VƯỚNG MẮC CHÍNH CỦA NGƯỜI DÂN");
    expect(text).toContain("Thanh toán trực tuyến lỗi hoặc khó hiểu");
    expect(text).toContain("ĐỀ XUẤT, KIẾN NGHỊ");
    expect(text).not.toContain("001203004567");
  });

  it("opens as a PDF whose text pdftotext reads back in Vietnamese", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "quarterly-")), "q.pdf");
    writeFileSync(file, await toPdf(doc));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("BÁO CÁO QUÝ IV NĂM 2026");
    expect(text).toContain("NHỮNG VƯỚNG MẮC CHÍNH CỦA NGƯỜI DÂN");
    expect(text).toContain("Thanh toán trực tuyến lỗi hoặc khó hiểu");
    expect(text).toContain("Đề nghị tỉnh xem xét");
  });
});
