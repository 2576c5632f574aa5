import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purgeQueryText } from "../../src/analytics/retention.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";

let db: Database;
const now = Date.UTC(2026, 11, 1);
const daysAgo = (n: number) => new Date(now - n * 86_400_000);

beforeAll(async () => {
  db = (await tempDatabase()).db;
  for (const [text, age] of [["cũ lắm", 400], ["vừa đủ", 364], ["mới", 1]] as const) {
    await db.queryLog.create({ data: { createdAt: daysAgo(age), userKey: "k", text, band: "answer", topic: "cccd", outcome: "answered", latencyMs: 5 } });
  }
});
afterAll(() => db.$disconnect());

describe("retention of query text", () => {
  it("blanks only the text past its retention and keeps the rows for the figures", async () => {
    expect(await purgeQueryText(db, 365, now)).toBe(1);
    const rows = await db.queryLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.text)).toEqual(["", "vừa đủ", "mới"]);
    expect(rows.every((r) => r.topic === "cccd")).toBe(true);
    expect(await purgeQueryText(db, 365, now)).toBe(0);
  });
});
