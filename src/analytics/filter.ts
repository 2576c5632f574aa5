import { z } from "zod";
import type { DailyFact } from "./rollup.js";
import { ALL_TOPICS } from "./rollup.js";

/** Every report is read over a range of Vietnam days, optionally one topic or one team's topics. */
export interface ReportFilter {
  from: string;
  to: string;
  topic: string | null;
  teamId: number | null;
  /** The topics the filter keeps (the topic, or the team's routed topics); null keeps all. */
  topics: string[] | null;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The filter form as submitted; a missing or wrong field falls back to the last 30 days, all topics. */
export const filterQuerySchema = z.object({
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  topic: z.string().trim().max(60).optional().catch(undefined),
  team: z.coerce.number().int().positive().optional().catch(undefined),
});

export function keepsTopic(filter: Pick<ReportFilter, "topics">, topic: string | null): boolean {
  return filter.topics === null || (topic !== null && filter.topics.includes(topic));
}

/** The facts inside the filter. Citizen facts: the across-topic count when no topic is chosen. */
export function inFilter(facts: DailyFact[], filter: ReportFilter): DailyFact[] {
  return facts.filter((f) => {
    if (f.day < filter.from || f.day > filter.to) return false;
    if (f.dim === "citizen" && filter.topics === null) return f.topic === ALL_TOPICS;
    if (f.topic === ALL_TOPICS) return false;
    return filter.topics === null || filter.topics.includes(f.topic);
  });
}

/** Sums n by a key computed from each fact. */
export function sumBy(facts: DailyFact[], keyOf: (f: DailyFact) => string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of facts) {
    const k = keyOf(f);
    if (k !== null) out.set(k, (out.get(k) ?? 0) + f.n);
  }
  return out;
}
