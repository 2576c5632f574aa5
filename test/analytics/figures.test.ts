import { describe, expect, it } from "vitest";
import { toCsv } from "../../src/analytics/csv.js";
import * as fig from "../../src/analytics/figures.js";
import { inFilter, type ReportFilter } from "../../src/analytics/filter.js";
import { reportShape } from "../../src/analytics/report-data.js";
import { rollUp, type LogRow } from "../../src/analytics/rollup.js";
import { usageTables } from "../../src/analytics/usage-tables.js";
import { parseOfficeCalendar } from "../../src/handoff/calendar-schema.js";

/** 1 and 2 November 2026, Vietnam time (UTC+7). */
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour - 7, minute));
let id = 1;
const row = (user: string, when: Date, band: string, topic: string | null, extra: Partial<LogRow> = {}): LogRow => ({ id: id++, createdAt: when, userKey: user, text: "làm căn cước", band, matchedId: band === "answer" ? `${topic}-1` : null, topic, latencyMs: 100, chosenId: null, ...extra });

const log: LogRow[] = [
  row("u1", at(1, 9), "answer", "cccd", { latencyMs: 50 }),
  row("u1", at(1, 10), "answer", "cccd", { latencyMs: 60 }),
  row("u2", at(1, 9, 30), "answer", "khai-sinh", { latencyMs: 70 }),
  row("u3", at(1, 23), "answer", "ho-chieu", { latencyMs: 80 }),
  row("u3", at(2, 8), "suggest", "ho-chieu", { chosenId: "ho-chieu-2", latencyMs: 90 }),
  row("u4", at(2, 8, 30), "suggest", "cccd", { latencyMs: 1000 }),
  row("u4", at(2, 9), "fallback", null, { text: "số cccd 001203004567 của em bị sai", latencyMs: 2000 }),
  row("u5", at(2, 9), "command", null, { text: "1" }),
  row("u1", at(1, 10, 5), "command", "cccd", { text: "👍 Hữu ích: Cấp đổi thẻ căn cước", matchedId: "cccd-1", outcome: "rated:up" }),
  row("u1", at(1, 10, 6), "command", "cccd", { text: "👎 Chưa đúng ý: Cấp lại thẻ căn cước", matchedId: "cccd-2", outcome: "rated:down" }),
  row("u1", at(1, 10, 7), "command", "cccd", { text: "👍 Hữu ích: Cấp lại thẻ căn cước", matchedId: "cccd-2", outcome: "rated:up" }),
];
const facts = rollUp({ rows: log, later: [], handoffs: [{ userKey: "u2", createdAt: at(1, 10, 30) }], seenBefore: new Set(["u1"]), containment: true });
const all: ReportFilter = { from: "2026-11-01", to: "2026-11-02", topic: null, teamId: null, topics: null };

describe("figures of the query log", () => {
  it("counts questions by day, week and month, with the shares of answer, suggest and fallback", () => {
    const f = inFilter(facts, all);
    expect(fig.volume(f, "day")).toEqual([
      { period: "2026-11-01", questions: 4, answer: 4, suggest: 0, fallback: 0 },
      { period: "2026-11-02", questions: 3, answer: 0, suggest: 2, fallback: 1 },
    ]);
    expect(fig.volume(f, "week").map((r) => [r.period, r.questions])).toEqual([["2026-10-26", 4], ["2026-11-02", 3]]);
    expect(fig.volume(f, "month")).toHaveLength(1);
    expect(fig.bandShares(f)).toEqual({ questions: 7, answer: 4, suggest: 2, fallback: 1 });
  });

  it("tells new citizens from returning ones, once a day", () => {
    expect(fig.citizens(inFilter(facts, all))).toEqual({ newCitizens: 4, returningDays: 2 });
  });

  it("spreads the load over Vietnam hours and weekdays", () => {
    const { byHour, byWeekday } = fig.load(inFilter(facts, all));
    expect(byHour[9]).toBe(3);
    expect(byHour[23]).toBe(1);
    expect(byWeekday[6]).toBe(4);
    expect(byWeekday[0]).toBe(3);
  });

  it("measures acceptance of suggestions and answer latency", () => {
    const f = inFilter(facts, all);
    expect(fig.acceptance(f)).toEqual({ offered: 2, chosen: 1 });
    const l = fig.latency(f);
    expect(l.p50).toBeGreaterThanOrEqual(80);
    expect(l.p50).toBeLessThanOrEqual(88);
    expect(l.p95).toBeGreaterThanOrEqual(2000);
    expect(l.p95).toBeLessThanOrEqual(2200);
  });

  it("counts containment on its cohort: answered, no handover and no new question on the topic within 24 h", () => {
    // u1 at 9:00 asked again on cccd, u2 was handed over, u3 asked again on ho-chieu the next morning: only u1 at 10:00 is contained.
    expect(fig.containment(inFilter(facts, all))).toEqual({ cohort: 4, contained: 1 });
  });

  it("ranks entries and topics, and filters by topic", () => {
    expect(fig.ranking(inFilter(facts, all), "entry")[0]).toEqual({ key: "cccd-1", n: 2 });
    const cccd = inFilter(facts, { ...all, topic: "cccd", topics: ["cccd"] });
    expect(fig.bandShares(cccd)).toEqual({ questions: 3, answer: 2, suggest: 1, fallback: 0 });
    expect(fig.citizens(cccd)).toEqual({ newCitizens: 1, returningDays: 1 });
    expect(fig.byTopic(reportShape(inFilter(facts, all))).map((t) => t.topic)).toEqual(["cccd", "ho-chieu", "khai-sinh", ""]);
  });

  it("counts 👍 and 👎 per entry, most 👎 first, and shows them in their table", () => {
    expect(fig.entryRatings(inFilter(facts, all))).toEqual([
      { entry: "cccd-2", up: 1, down: 1 },
      { entry: "cccd-1", up: 1, down: 0 },
    ]);
    const table = usageTables({ facts: reportShape(inFilter(facts, all)), handoffs: [], groups: [], period: "day", calendar: parseOfficeCalendar({}), labels: { topic: (t) => t, entry: (e) => `Mục ${e}`, team: String } }).find((t) => t.id === "entry-ratings");
    expect(table?.rows).toEqual([["Mục cccd-2", 1, 1, "50 %"], ["Mục cccd-1", 1, 0, "100 %"]]);
  });

  it("changes with the date range", () => {
    expect(fig.bandShares(inFilter(facts, { ...all, to: "2026-11-01" })).questions).toBe(4);
  });
});

describe("CSV export", () => {
  const calendar = parseOfficeCalendar({});
  const labels = { topic: (t: string) => t, entry: (e: string) => e, team: (t: number) => `Nhóm ${t}` };
  const groups = [{ key: "k", label: "số cccd 001203004567 bị sai, gọi 0912345678", count: 3, citizens: 3, examples: [], exampleCitizens: [], firstSeen: at(1, 1), lastSeen: at(1, 2), queryIds: [] }];
  const tables = usageTables({ facts: reportShape(inFilter(facts, all)), handoffs: [], groups, period: "day", calendar, labels });

  it("starts with a BOM and has Vietnamese headers", () => {
    const csv = toCsv(tables.find((t) => t.id === "volume")!);
    expect(csv.startsWith("\uFEFFNgày,Câu hỏi,Trả lời ngay,Gợi ý,Chưa hiểu\r\n")).toBe(true);
    expect(csv).toContain("01/11/2026,4,4,0,0");
  });

  it("never lets a CCCD or phone number planted in a question out", () => {
    const csv = tables.map(toCsv).join("");
    expect(csv).not.toMatch(/001203004567|0912345678/);
    expect(csv).toContain("[số giấy tờ]");
  });
});
