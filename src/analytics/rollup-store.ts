import type { Database } from "../storage/database.js";
import { userKey } from "./redact.js";
import { rollUp, type DailyFact, type LogRow } from "./rollup.js";
import { addDays, dayStart, monthOf, vnDay } from "./vn-time.js";

const LOG_FIELDS = { id: true, createdAt: true, userKey: true, text: true, band: true, matchedId: true, topic: true, latencyMs: true, chosenId: true, outcome: true } as const;

/** The last day whose facts are final at `now`: the day and the 24 h after it are over. */
export function lastFinalDay(now: number): string {
  return addDays(vnDay(now - 24 * 60 * 60 * 1000), -1);
}

/**
 * Rolls up every day of the query log that is final and not rolled up yet, one day per transaction.
 * Returns the number of days rolled. Reports call it first, so a page is never staler than the log.
 */
export async function refreshRollups(db: Database, secret: string, now: number): Promise<number> {
  const first = await db.queryLog.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  if (!first) return 0;
  const last = lastFinalDay(now);
  const rolled = new Set((await db.analyticsRolledDay.findMany({ where: { day: { gte: vnDay(first.createdAt) } }, select: { day: true } })).map((r) => r.day));
  let count = 0;
  const months = new Set<string>();
  for (let day = vnDay(first.createdAt); day <= last; day = addDays(day, 1)) {
    if (rolled.has(day)) continue;
    months.add(monthOf(day));
    const facts = await factsOf(db, secret, day, addDays(day, 1), true);
    await db.$transaction(async (tx) => {
      await tx.analyticsDailyFact.deleteMany({ where: { day } });
      await insertFacts(tx, facts);
      await tx.analyticsRolledDay.create({ data: { day } });
    });
    count += 1;
  }
  for (const month of months) await rebuildMonth(db, month);
  return count;
}

/** Sums a month's daily facts into AnalyticsMonthlyFact (replacing what was there), in one statement. */
export async function rebuildMonth(db: Database, month: string): Promise<void> {
  await db.$transaction([
    db.$executeRawUnsafe("DELETE FROM AnalyticsMonthlyFact WHERE month = ?", month),
    db.$executeRawUnsafe(
      "INSERT INTO AnalyticsMonthlyFact (month, topic, dim, key, n) SELECT ?, topic, dim, key, SUM(n) FROM AnalyticsDailyFact WHERE day >= ? AND day <= ? GROUP BY topic, dim, key",
      month,
      `${month}-01`,
      `${month}-31`,
    ),
  ]);
}

/** The facts of the days from `from` up to (not including) `until`, straight from the log. */
export async function factsOf(db: Database, secret: string, from: string, until: string, containment: boolean): Promise<DailyFact[]> {
  const start = dayStart(from);
  const end = dayStart(until);
  // Containment reads the 24 h after the last day too, and the handovers in them.
  const windowEnd = containment ? dayStart(addDays(until, 1)) : end;
  const window: LogRow[] = await db.queryLog.findMany({ where: { createdAt: { gte: start, lt: windowEnd } }, select: LOG_FIELDS });
  const rows = window.filter((r) => r.createdAt < end);
  if (rows.length === 0) return [];
  const keys = [...new Set(rows.map((r) => r.userKey))];
  const before = await seenBefore(db, keys, start);
  const handoffs = containment ? await db.handoff.findMany({ where: { createdAt: { gte: start, lt: windowEnd } }, select: { userId: true, createdAt: true } }) : [];
  return rollUp({
    rows,
    later: window.filter((r) => r.createdAt >= end),
    handoffs: handoffs.map((h) => ({ userKey: userKey(h.userId, secret), createdAt: h.createdAt })),
    seenBefore: before,
    containment,
  });
}

/** Timestamps as Prisma stores them in SQLite, for raw SQL comparisons. */
const sqliteTime = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * The citizens among `keys` who asked anything before `start`, in chunks (SQLite limits parameters);
 * the (userKey, createdAt) index is named because the planner would otherwise scan by date.
 */
async function seenBefore(db: Database, keys: string[], start: Date): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const sql = `SELECT DISTINCT userKey FROM QueryLog INDEXED BY QueryLog_userKey_createdAt_idx WHERE userKey IN (${chunk.map(() => "?").join(",")}) AND createdAt < ?`;
    for (const f of await db.$queryRawUnsafe<{ userKey: string }[]>(sql, ...chunk, sqliteTime(start))) seen.add(f.userKey);
  }
  return seen;
}

/** Inserts the facts with multi-row statements (much faster than createMany through the adapter). */
async function insertFacts(tx: Pick<Database, "$executeRawUnsafe">, facts: DailyFact[]): Promise<void> {
  for (let i = 0; i < facts.length; i += 2000) {
    const chunk = facts.slice(i, i + 2000);
    const sql = `INSERT INTO AnalyticsDailyFact (day, topic, dim, key, n) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?)").join(",")}`;
    await tx.$executeRawUnsafe(sql, ...chunk.flatMap((f) => [f.day, f.topic, f.dim, f.key, f.n]));
  }
}
