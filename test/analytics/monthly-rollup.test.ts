import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportFilter } from "../../src/analytics/filter.js";
import { sumBy } from "../../src/analytics/filter.js";
import { loadFacts, wholeMonths } from "../../src/analytics/report-data.js";
import { TOPIC_BAND } from "../../src/analytics/rollup.js";
import { factsOf, refreshRollups } from "../../src/analytics/rollup-store.js";
import { dayStart } from "../../src/analytics/vn-time.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";

/** Monthly sums must give exactly the figures the days give, for ranges that cut months or cover them. */
let db: Database;
const now = Date.UTC(2026, 11, 20);
const TEXTS = ["thanh toán lệ phí bị lỗi", "làm căn cước ở đâu", "hồ sơ nộp ở xã Tân Sơn bị trễ hẹn"];

beforeAll(async () => {
  db = (await tempDatabase()).db;
  const data = [];
  for (let i = 0; i < 300; i++) {
    const day = `2026-${String(9 + Math.floor(i / 100)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    data.push({ createdAt: new Date(dayStart(day).getTime() + (i % 24) * 3_600_000), userKey: `u${i % 17}`, text: TEXTS[i % 3] as string, band: ["answer", "suggest", "fallback"][i % 3] as string, topic: i % 3 === 2 ? null : "cccd", outcome: "x", latencyMs: 10 + i });
  }
  await db.queryLog.createMany({ data });
  await refreshRollups(db, "s", now);
});
afterAll(() => db.$disconnect());

const key = (f: { dim: string; key: string }) => `${f.dim}|${f.key}`;

describe("monthly pre-summed facts", () => {
  it("finds the whole months inside a range", () => {
    expect(wholeMonths("2026-09-01", "2026-11-30")).toEqual({ first: "2026-09", last: "2026-11" });
    expect(wholeMonths("2026-09-02", "2026-11-29")).toEqual({ first: "2026-10", last: "2026-10" });
    expect(wholeMonths("2026-09-02", "2026-10-15")).toBeNull();
  });

  it.each([
    ["2026-09-01", "2026-11-30"],
    ["2026-09-10", "2026-11-05"],
    ["2026-10-01", "2026-10-31"],
  ])("gives the same totals as the log from %s to %s", async (from, to) => {
    const filter: ReportFilter = { from, to, topic: null, teamId: null, topics: null };
    const dims = ["band", "hour", "latency", "gap", "index", "place", "citizen"];
    const fromRollup = sumBy(await loadFacts(db, "s", filter, now, dims), key);
    const day = new Date(`${to}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1);
    const fromLog = sumBy((await factsOf(db, "s", from, day.toISOString().slice(0, 10), false)).filter((f) => dims.includes(f.dim) && (f.dim === "citizen" ? f.topic === "*" : f.topic !== "*")), key);
    expect(fromRollup).toEqual(fromLog);
    expect(fromRollup.get("index|payment-failure")).toBeGreaterThan(0);
    expect([...fromRollup.keys()].some((k) => k.startsWith("place|"))).toBe(true);
  });

  it.each([
    ["2026-09-01", "2026-11-30"],
    ["2026-09-10", "2026-11-05"],
  ])("gives the same band counts per topic as the log from %s to %s", async (from, to) => {
    const filter: ReportFilter = { from, to, topic: null, teamId: null, topics: null };
    const perTopic = (f: { topic: string; key: string }) => `${f.topic}|${f.key}`;
    const fromRollup = sumBy((await loadFacts(db, "s", filter, now, [TOPIC_BAND])).filter((f) => f.dim === TOPIC_BAND), perTopic);
    const until = new Date(`${to}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 1);
    const fromLog = sumBy((await factsOf(db, "s", from, until.toISOString().slice(0, 10), false)).filter((f) => f.dim === "band"), perTopic);
    expect(fromRollup).toEqual(fromLog);
    expect(fromRollup.get("cccd|answer")).toBeGreaterThan(0);
  });
});
