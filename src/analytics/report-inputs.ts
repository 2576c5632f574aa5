import { TOPICS } from "../knowledge/topics.js";
import type { Database } from "../storage/database.js";
import { filterQuerySchema, type ReportFilter } from "./filter.js";
import { groupQuestions, type GroupableQuery } from "./question-groups.js";
import type { RuleRow } from "./gap-groups.js";
import { shareableGroups } from "./privacy.js";
import { addDays, dayStart, vnDay } from "./vn-time.js";

/** The filter from the form: the last `defaultDays` days (30) by default; a team stands for the topics routed to it. */
export async function resolveFilter(db: Database, query: unknown, now: number, defaultDays = 30): Promise<ReportFilter> {
  const q = filterQuerySchema.parse(query ?? {});
  const to = q.to ?? vnDay(now);
  const from = q.from && q.from <= to ? q.from : addDays(to, 1 - defaultDays);
  const topic = q.topic && (TOPICS as readonly string[]).includes(q.topic) ? q.topic : null;
  const teamId = q.team ?? null;
  let topics: string[] | null = topic ? [topic] : null;
  if (teamId !== null) {
    const routed = (await db.topicRoute.findMany({ where: { teamId }, select: { topic: true } })).map((r) => r.topic);
    topics = topics ? topics.filter((t) => routed.includes(t)) : routed;
  }
  return { from, to, topic, teamId, topics };
}

/** Questions grouped are read from the most recent ones in the filter, up to this many. */
export const GROUPING_LIMIT = 20_000;

export type LoggedQuestion = GroupableQuery & RuleRow;

/** The most recent questions inside the filter (up to GROUPING_LIMIT), with what the grouping and the gap rules read. */
export async function recentQuestions(db: Database, filter: ReportFilter): Promise<LoggedQuestion[]> {
  return db.queryLog.findMany({
    where: {
      createdAt: { gte: dayStart(filter.from), lt: dayStart(addDays(filter.to, 1)) },
      band: { in: ["answer", "suggest", "fallback"] },
      text: { not: "" },
      ...(filter.topics !== null ? { topic: { in: filter.topics } } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: GROUPING_LIMIT,
    select: { id: true, text: true, userKey: true, createdAt: true, topic: true, band: true },
  });
}

/** The shareable groups of similar questions among `rows` (see shareableGroups). */
export function shareableOf(rows: LoggedQuestion[], tokens: (text: string) => string[]) {
  return shareableGroups(groupQuestions(rows, tokens, { maxExamples: 4 }));
}

/** The shareable groups of similar questions inside the filter (see shareableGroups). */
export async function questionGroups(db: Database, filter: ReportFilter, tokens: (text: string) => string[]) {
  return shareableOf(await recentQuestions(db, filter), tokens);
}
