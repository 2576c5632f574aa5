import type { Database } from "../storage/database.js";
import type { ReportFilter } from "./filter.js";
import { labelGroups } from "./gap-groups.js";
import { savedLabels } from "./gap-store.js";
import { loadFacts, loadHandoffs, USAGE_DIMS } from "./report-data.js";
import { recentQuestions, shareableOf } from "./report-inputs.js";
import { periodLabel } from "./report-table.js";
import type { QuarterInput } from "./quarterly.js";
import { previousQuarter, quarterDays, quarterOf, vnDay } from "./vn-time.js";

export const QUARTER_ID = /^\d{4}-Q[1-4]$/;

const DIMS = [...USAGE_DIMS, "gap", "index", "place"];

/** The last `n` quarters up to the current one, newest first. */
export function recentQuarters(now: number, n = 5): string[] {
  const out = [quarterOf(vnDay(now))];
  while (out.length < n) out.push(previousQuarter(out[out.length - 1] as string));
  return out;
}

/** Everything a quarter's report reads, for the whole province; null when the quarter has not started. */
export async function quarterInput(db: Database, secret: string, quarter: string, now: number, tokens: (text: string) => string[]): Promise<QuarterInput | null> {
  const today = vnDay(now);
  const days = quarterDays(quarter);
  if (days.from > today) return null;
  const to = days.to < today ? days.to : today;
  const previous = previousQuarter(quarter);
  const prev = quarterDays(previous);
  const filter: ReportFilter = { from: days.from, to, topic: null, teamId: null, topics: null };
  const before: ReportFilter = { ...filter, from: prev.from, to: prev.to };
  const [facts, factsBefore, handoffs, handoffsBefore, rows, saved] = await Promise.all([
    loadFacts(db, secret, filter, now, DIMS),
    loadFacts(db, secret, before, now, DIMS),
    loadHandoffs(db, filter),
    loadHandoffs(db, before),
    recentQuestions(db, filter),
    savedLabels(db),
  ]);
  return {
    quarter,
    previous,
    from: days.from,
    to,
    complete: to === days.to,
    facts,
    before: factsBefore,
    handoffs,
    handoffsBefore,
    groups: labelGroups(shareableOf(rows, tokens), rows, saved),
    madeOn: periodLabel(today),
  };
}
