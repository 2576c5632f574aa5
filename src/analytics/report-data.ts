import type { Database } from "../storage/database.js";
import { inFilter, type ReportFilter } from "./filter.js";
import type { HandoffRow } from "./handoff-figures.js";
import { ALL_TOPICS, type DailyFact } from "./rollup.js";
import { factsOf, lastFinalDay, refreshRollups } from "./rollup-store.js";
import { addDays, dayStart, lastDayOf, monthOf } from "./vn-time.js";

/** Dimensions read per topic; every other dimension is summed over the filter's topics in SQL. */
const PER_TOPIC = new Set(["band"]);
/** What the usage reports read (gap and index facts are for their own views). */
export const USAGE_DIMS = ["band", "citizen", "hour", "latency", "entry", "suggest", "contained"];

/**
 * The facts inside the filter: rolled-up days from the rollup table (summed in SQL), the days not
 * final yet straight from the log (without containment, whose 24 h are not over).
 */
export async function loadFacts(db: Database, secret: string, filter: ReportFilter, now: number, dims = USAGE_DIMS): Promise<DailyFact[]> {
  await refreshRollups(db, secret, now);
  const final = lastFinalDay(now);
  const rolled = filter.from <= final ? await rolledFacts(db, filter, filter.to < final ? filter.to : final, dims) : [];
  const liveFrom = filter.from > final ? filter.from : addDays(final, 1);
  const live = liveFrom <= filter.to ? inFilter(await factsOf(db, secret, liveFrom, addDays(filter.to, 1), false), filter).filter((f) => dims.includes(f.dim)) : [];
  return [...rolled, ...collapse(live)];
}

/** Dimensions whose figures need the day (volume by day and week, weekday load, gap and index trends by week). */
const DAILY_DIMS = new Set(["band", "gap", "index"]);

type FactRow = { day: string; topic: string; dim: string; key: string; n: bigint | number };

/**
 * Rolled-up facts from `filter.from` to `to`: the dimensions read by day from the daily table; the
 * others from the monthly sums for each whole month inside the range, from the daily table at its ends.
 */
async function rolledFacts(db: Database, filter: ReportFilter, to: string, dims: string[]): Promise<DailyFact[]> {
  const topicClause = filter.topics === null ? `(dim = 'citizen' AND topic = '${ALL_TOPICS}') OR (dim <> 'citizen' AND topic <> '${ALL_TOPICS}')` : `topic IN (${filter.topics.map(() => "?").join(",") || "''"})`;
  const topics = filter.topics ?? [];
  const marks = (list: string[]) => list.map(() => "?").join(",") || "''";
  const daily = dims.filter((d) => DAILY_DIMS.has(d));
  const summed = dims.filter((d) => !DAILY_DIMS.has(d));
  const months = wholeMonths(filter.from, to);
  const inMonths = months ? [`${months.first}-01`, lastDayOf(months.last)] : ["9999-12-31", "0000-01-01"];
  const dailySql = `SELECT day, CASE WHEN dim = 'band' THEN topic ELSE '' END AS topic, dim, key, SUM(n) AS n
    FROM AnalyticsDailyFact WHERE day >= ? AND day <= ? AND (dim IN (${marks(daily)}) OR (dim IN (${marks(summed)}) AND (day < ? OR day > ?))) AND (${topicClause}) GROUP BY 1, 2, 3, 4`;
  const rows = await db.$queryRawUnsafe<FactRow[]>(dailySql, filter.from, to, ...daily, ...summed, ...inMonths, ...topics);
  if (months && summed.length > 0) {
    const monthlySql = `SELECT month || '-01' AS day, '' AS topic, dim, key, SUM(n) AS n
      FROM AnalyticsMonthlyFact WHERE dim IN (${marks(summed)}) AND month >= ? AND month <= ? AND (${topicClause}) GROUP BY 1, 2, 3, 4`;
    rows.push(...(await db.$queryRawUnsafe<FactRow[]>(monthlySql, ...summed, months.first, months.last, ...topics)));
  }
  return rows.map((r) => ({ day: r.day, topic: r.topic, dim: r.dim, key: r.key, n: Number(r.n) }));
}

/** The first and last months wholly inside [from, to], or null. */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
  const first = from.endsWith("-01") ? monthOf(from) : monthOf(addDays(lastDayOf(monthOf(from)), 1));
  const last = lastDayOf(monthOf(to)) === to ? monthOf(to) : monthOf(addDays(`${monthOf(to)}-01`, -1));
  return first <= last ? { first, last } : null;
}

/** Live facts shaped like the rolled ones: topic kept only where it is read per topic. */
function collapse(facts: DailyFact[]): DailyFact[] {
  return facts.map((f) => (PER_TOPIC.has(f.dim) ? f : { ...f, topic: "" }));
}

/** Handovers created inside the filter (by team, or by the filter's topics). */
export async function loadHandoffs(db: Database, filter: ReportFilter): Promise<HandoffRow[]> {
  return db.handoff.findMany({
    where: {
      createdAt: { gte: dayStart(filter.from), lt: dayStart(addDays(filter.to, 1)) },
      ...(filter.teamId !== null ? { teamId: filter.teamId } : filter.topics !== null ? { topic: { in: filter.topics } } : {}),
    },
    select: { createdAt: true, teamId: true, topic: true, reason: true, rating: true, firstResponseAt: true, closedAt: true },
  });
}
