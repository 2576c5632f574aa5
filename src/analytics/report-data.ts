import type { Database } from "../storage/database.js";
import { inFilter, type ReportFilter } from "./filter.js";
import type { HandoffRow } from "./handoff-figures.js";
import { ALL_TOPICS, TOPIC_BAND, type DailyFact } from "./rollup.js";
import { factsOf, lastFinalDay, refreshRollups } from "./rollup-store.js";
import { addDays, dayStart, lastDayOf, monthOf } from "./vn-time.js";

/** What the usage reports read (gap and index facts are for their own views). */
export const USAGE_DIMS = ["band", TOPIC_BAND, "citizen", "hour", "latency", "entry", "rating", "suggest", "contained"];

/**
 * The facts inside the filter: rolled-up days from the rollup tables (summed in SQL), the days not
 * final yet straight from the log (without containment, whose 24 h are not over).
 */
export async function loadFacts(db: Database, secret: string, filter: ReportFilter, now: number, dims = USAGE_DIMS): Promise<DailyFact[]> {
  await refreshRollups(db, secret, now);
  const final = lastFinalDay(now);
  const rolled = filter.from <= final ? await rolledFacts(db, filter, filter.to < final ? filter.to : final, dims) : [];
  const liveFrom = filter.from > final ? filter.from : addDays(final, 1);
  const live = liveFrom <= filter.to ? inFilter(await factsOf(db, secret, liveFrom, addDays(filter.to, 1), false), filter) : [];
  return [...rolled, ...reportShape(live, dims)];
}

/** Facts of `dims` shaped as loadFacts gives them: topics summed away, band counts per topic as TOPIC_BAND. */
export function reportShape(facts: DailyFact[], dims = USAGE_DIMS): DailyFact[] {
  const perTopic = dims.includes(TOPIC_BAND) ? facts.filter((f) => f.dim === "band").map((f) => ({ ...f, dim: TOPIC_BAND })) : [];
  return [...facts.filter((f) => dims.includes(f.dim)).map((f) => ({ ...f, topic: "" })), ...perTopic];
}

/** Dimensions whose figures need the day (volume by day and week, weekday load, gap and index trends by week). */
const DAILY_DIMS = new Set(["band", "gap", "index"]);

type FactRow = { day: string; topic: string; dim: string; key: string; n: bigint | number };

/**
 * Rolled-up facts from `filter.from` to `to`: the dimensions read by day from the daily table; the
 * others, and the band per topic, from the monthly sums for each whole month inside the range and
 * from the daily table at its ends.
 */
async function rolledFacts(db: Database, filter: ReportFilter, to: string, dims: string[]): Promise<DailyFact[]> {
  const where = topicWhere(filter);
  const daily = dims.filter((d) => DAILY_DIMS.has(d));
  const dailySql = `SELECT day, '' AS topic, dim, key, SUM(n) AS n FROM AnalyticsDailyFact
    WHERE day >= ? AND day <= ? AND dim IN (${marks(daily)}) AND (${where.sql}) GROUP BY 1, 3, 4`;
  const rows = daily.length > 0 ? await db.$queryRawUnsafe<FactRow[]>(dailySql, filter.from, to, ...daily, ...where.args) : [];
  rows.push(...(await monthlySums(db, filter, to, dims.filter((d) => !DAILY_DIMS.has(d) && d !== TOPIC_BAND), false)));
  if (dims.includes(TOPIC_BAND)) rows.push(...(await monthlySums(db, filter, to, ["band"], true)).map((r) => ({ ...r, dim: TOPIC_BAND })));
  return rows.map((r) => ({ day: r.day, topic: r.topic, dim: r.dim, key: r.key, n: Number(r.n) }));
}

/** Sums of `dims` over [from, to]: whole months from the monthly table, the days at either end from the daily one. */
async function monthlySums(db: Database, filter: ReportFilter, to: string, dims: string[], perTopic: boolean): Promise<FactRow[]> {
  if (dims.length === 0) return [];
  const where = topicWhere(filter);
  const topic = perTopic ? "topic" : "''";
  const months = wholeMonths(filter.from, to);
  const ends = months ? [[filter.from, addDays(`${months.first}-01`, -1)], [addDays(lastDayOf(months.last), 1), to]] : [[filter.from, to]];
  const endsSql = `SELECT ? AS day, ${topic} AS topic, dim, key, SUM(n) AS n FROM AnalyticsDailyFact
    WHERE dim IN (${marks(dims)}) AND day >= ? AND day <= ? AND (${where.sql}) GROUP BY 2, 3, 4`;
  const rows: FactRow[] = [];
  // One query per end: a range with a hole in it would make the database walk the whole year.
  for (const [start, end] of ends) if (start! <= end!) rows.push(...(await db.$queryRawUnsafe<FactRow[]>(endsSql, start, ...dims, start, end, ...where.args)));
  if (!months) return rows;
  const monthlySql = `SELECT month || '-01' AS day, ${topic} AS topic, dim, key, SUM(n) AS n FROM AnalyticsMonthlyFact
    WHERE dim IN (${marks(dims)}) AND month >= ? AND month <= ? AND (${where.sql}) GROUP BY 1, 2, 3, 4`;
  return [...rows, ...(await db.$queryRawUnsafe<FactRow[]>(monthlySql, ...dims, months.first, months.last, ...where.args))];
}

/** The topics clause: all topics (citizens counted once across topics), or the filter's topics. */
function topicWhere(filter: ReportFilter): { sql: string; args: string[] } {
  if (filter.topics === null) return { sql: `(dim = 'citizen' AND topic = '${ALL_TOPICS}') OR (dim <> 'citizen' AND topic <> '${ALL_TOPICS}')`, args: [] };
  return { sql: `topic IN (${marks(filter.topics)})`, args: filter.topics };
}

const marks = (list: string[]) => list.map(() => "?").join(",") || "''";

/** The first and last months wholly inside [from, to], or null. */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
  const first = from.endsWith("-01") ? monthOf(from) : monthOf(addDays(lastDayOf(monthOf(from)), 1));
  const last = lastDayOf(monthOf(to)) === to ? monthOf(to) : monthOf(addDays(`${monthOf(to)}-01`, -1));
  return first <= last ? { first, last } : null;
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
