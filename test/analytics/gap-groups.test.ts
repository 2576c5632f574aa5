import { describe, expect, it } from "vitest";
import { examplesByGap, groupsToReview, labelGroups, NOT_A_GAP, type SavedLabel } from "../../src/analytics/gap-groups.js";
import { gapFigures, gapTrendTable, groupStatus } from "../../src/analytics/gap-tables.js";
import { groupQuestions } from "../../src/analytics/question-groups.js";
import type { DailyFact } from "../../src/analytics/rollup.js";

let id = 1;
const q = (user: string, text: string, band = "answer", topic: string | null = null) => ({ id: id++, text, userKey: user, createdAt: new Date(Date.UTC(2026, 10, 1)), band, topic });
const tokens = (t: string) => t.toLowerCase().split(/\s+/);
const rows = [
  ...["a", "b", "c"].map((u) => q(u, "thanh toán lệ phí bị lỗi")),
  ...["a", "b", "c", "d"].map((u) => q(u, "làm căn cước ở đâu")),
  ...["e", "f", "g"].map((u) => q(u, "xin mẫu đơn abc", "fallback")),
];
const groups = () => groupQuestions(rows, tokens);
const saved = (groupKey: string, gap: string, suggested: string): SavedLabel => ({ groupKey, gap, suggested, confirmedBy: "Lê Thị Số Liệu", confirmedAt: new Date() });

describe("gap labels on question groups", () => {
  it("suggests the gap most of a group's questions carry, and none for ordinary questions", () => {
    const labelled = labelGroups(groups(), rows, []);
    expect(labelled.find((g) => g.label === "thanh toán lệ phí bị lỗi")?.suggested).toBe("online-payment");
    expect(labelled.find((g) => g.label === "làm căn cước ở đâu")?.suggested).toBeNull();
  });

  it("lets the analyst's decision win, and lists what needs a look (suggested, decided, or not understood)", () => {
    const pay = groups().find((g) => g.label === "thanh toán lệ phí bị lỗi");
    const labelled = labelGroups(groups(), rows, [saved(pay?.key as string, "not-online", "online-payment")]);
    const g = labelled.find((x) => x.key === pay?.key);
    expect(g?.gap).toBe("not-online");
    expect(groupStatus(g as NonNullable<typeof g>)).toMatch(/^Đã sửa/);
    expect(groupsToReview(labelled).map((x) => x.label).sort()).toEqual(["thanh toán lệ phí bị lỗi", "xin mẫu đơn abc"]);
    expect(examplesByGap(labelled).get("not-online")).toEqual(["thanh toán lệ phí bị lỗi"]);
  });

  it("takes a group out of every gap when the analyst says it is not one", () => {
    const pay = groups().find((g) => g.label === "thanh toán lệ phí bị lỗi");
    const labelled = labelGroups(groups(), rows, [saved(pay?.key as string, NOT_A_GAP, "online-payment")]);
    expect(labelled.find((x) => x.key === pay?.key)?.gap).toBeNull();
    expect(examplesByGap(labelled).size).toBe(0);
  });
});

describe("gap figures", () => {
  const fact = (day: string, key: string, n: number): DailyFact => ({ day, topic: "", dim: "gap", key, n });
  const band = (day: string, n: number): DailyFact => ({ day, topic: "cccd", dim: "band", key: "answer", n });
  it("counts each gap against the period before, with the trend by week", () => {
    const facts = [fact("2026-11-02", "online-payment", 4), fact("2026-11-10", "online-payment", 2), fact("2026-11-10", "language", 1), band("2026-11-02", 20)];
    const before = [fact("2026-10-20", "online-payment", 3)];
    const figures = gapFigures({ facts, before, groups: [] });
    expect(figures[0]).toMatchObject({ gap: "online-payment", questions: 6, before: 3, change: "+100 %", share: "30 %" });
    expect(figures[1]).toMatchObject({ gap: "language", questions: 1, change: "mới" });
    const trend = gapTrendTable({ facts, before, groups: [], period: "week" });
    expect(trend.rows.map((r) => [r[0], r[1]])).toEqual([["02/11/2026", 4], ["09/11/2026", 2]]);
  });
});
