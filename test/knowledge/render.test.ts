import { describe, expect, it } from "vitest";
import type { KnowledgeEntry } from "../../src/knowledge/entry-schema.js";
import type { Province } from "../../src/knowledge/province-schema.js";
import { AnswerRenderer, parseDetailPayload, parseRatingPayload, sourceLine } from "../../src/knowledge/render.js";

const province = {
  name: { value: "Thái Nguyên", source: "NQ 202/2025/QH15" },
  display_name: { value: "Tỉnh Thái Nguyên", source: "NQ 202/2025/QH15" },
  national_portal_url: { value: "https://dichvucong.gov.vn", source: "x" },
  hotline: { value: null, placeholder: "đường dây nóng" },
} as Province;

const entry = {
  id: "vi-du", topic: "khai-sinh", kind: "guide", title: "Ví dụ", questions: [], keywords: [],
  answer: "Gọi {{province.hotline}} hoặc vào {{province.national_portal_url}} ({{ province.name }}).",
  steps: ["Bước một", "Bước hai"], links: [{ title: "Cổng DVC", url: "https://dichvucong.gov.vn" }],
  sources: [{ title: "Nguồn A" }, { title: "Nguồn B" }], verified_on: "2026-11-23", needs_review: "phí chưa xác nhận",
} as unknown as KnowledgeEntry;

describe("answer rendering", () => {
  const renderer = new AnswerRenderer(province);

  it("fills province facts, and says so plainly when a fact is not configured", () => {
    const text = renderer.answer(entry).text;
    expect(text).toContain("Gọi (chưa cập nhật — vui lòng hỏi cán bộ) hoặc vào https://dichvucong.gov.vn (Thái Nguyên).");
  });

  it("ends with the source and the date checked, and flags answers under review", () => {
    const text = renderer.answer(entry).text;
    expect(text).toMatch(/đang chờ cán bộ rà soát/);
    expect(text.endsWith("Nguồn: Nguồn A và 1 nguồn khác. Kiểm tra ngày 23/11/2026.")).toBe(true);
    expect(sourceLine({ ...entry, sources: [{ title: "Một" }] })).toBe("Nguồn: Một. Kiểm tra ngày 23/11/2026.");
  });

  it("gives a guide a steps button, its link, 👍/👎 and Gặp cán bộ, at most five", () => {
    const buttons = renderer.answer(entry).buttons ?? [];
    expect(buttons.map((b) => b.title)).toEqual(["Các bước thực hiện", "Cổng DVC", "👍 Hữu ích", "👎 Chưa đúng ý", "Gặp cán bộ"]);
    const steps = renderer.detail(entry, "cacbuoc").text;
    expect(steps).toContain("1. Bước một\n2. Bước hai");
  });

  it("keeps Gặp cán bộ on a procedure's answer and brings 👍/👎 with its details", () => {
    const procedure = { ...entry, kind: "procedure", steps: undefined, procedure: { documents: ["Tờ khai"], steps: ["Nộp"], fee: "Miễn phí", processing_time: "Ngay", agency: "UBND xã", payment: "-", result: "-", online: { mode: "full", url: "https://dichvucong.gov.vn/p/1" } } } as unknown as KnowledgeEntry;
    const titles = (m: { buttons?: { title: string }[] }) => (m.buttons ?? []).map((b) => b.title);
    expect(titles(renderer.answer(procedure))).toEqual(["Giấy tờ cần chuẩn bị", "Lệ phí, thời gian", "Các bước thực hiện", "Nộp trực tuyến", "Gặp cán bộ"]);
    expect(titles(renderer.detail(procedure, "giayto"))).toEqual(["Lệ phí, thời gian", "Các bước thực hiện", "👍 Hữu ích", "👎 Chưa đúng ý", "Gặp cán bộ"]);
    const down = renderer.detail(procedure, "giayto").buttons?.find((b) => b.title === "👎 Chưa đúng ý");
    expect(down && "payload" in down && parseRatingPayload(down.payload)).toEqual({ rating: "down", title: "Ví dụ" });
  });

  it("parses its own detail payloads back, and nothing else", () => {
    expect(parseDetailPayload("Lệ phí, thời gian: Đăng ký khai sinh")).toEqual({ section: "lephi", title: "Đăng ký khai sinh" });
    expect(parseDetailPayload("Lệ phí bao nhiêu: khai sinh")).toBeNull();
    expect(parseDetailPayload("lệ phí khai sinh")).toBeNull();
  });
});
