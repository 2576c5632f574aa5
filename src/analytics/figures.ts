import { sumBy } from "./filter.js";
import { percentile } from "./latency.js";
import { TOPIC_BAND, type DailyFact } from "./rollup.js";
import { monthOf, quarterOf, weekdayOf, weekOf } from "./vn-time.js";

/** The figures of the reports page, each a pure function of the daily facts already inside the filter (see inFilter). */

export type Period = "day" | "week" | "month" | "quarter";
const PERIOD: Record<Period, (day: string) => string> = { day: (d) => d, week: weekOf, month: monthOf, quarter: quarterOf };
const QUESTION_BANDS = ["answer", "suggest", "fallback"] as const;

export interface VolumeRow {
  period: string;
  questions: number;
  answer: number;
  suggest: number;
  fallback: number;
}

/** Questions (answered, suggested, not understood) per day, week (from Monday) or month. */
export function volume(facts: DailyFact[], period: Period): VolumeRow[] {
  const rows = new Map<string, VolumeRow>();
  for (const f of facts) {
    if (f.dim !== "band" || !(QUESTION_BANDS as readonly string[]).includes(f.key)) continue;
    const p = PERIOD[period](f.day);
    const row = rows.get(p) ?? { period: p, questions: 0, answer: 0, suggest: 0, fallback: 0 };
    row[f.key as (typeof QUESTION_BANDS)[number]] += f.n;
    row.questions += f.n;
    rows.set(p, row);
  }
  return [...rows.values()].sort((a, b) => a.period.localeCompare(b.period));
}

export interface Shares {
  questions: number;
  answer: number;
  suggest: number;
  fallback: number;
}

export function bandShares(facts: DailyFact[]): Shares {
  const zero: Shares = { questions: 0, answer: 0, suggest: 0, fallback: 0 };
  return volume(facts, "day").reduce((s, r) => ({ questions: s.questions + r.questions, answer: s.answer + r.answer, suggest: s.suggest + r.suggest, fallback: s.fallback + r.fallback }), zero);
}

/** New citizens (first question ever in the range) and returning ones, counted once a day. */
export function citizens(facts: DailyFact[]): { newCitizens: number; returningDays: number } {
  const by = sumBy(facts, (f) => (f.dim === "citizen" ? f.key : null));
  return { newCitizens: by.get("new") ?? 0, returningDays: by.get("returning") ?? 0 };
}

/** Questions by hour of the day (0–23) and by weekday (0 = Monday), Vietnam time; the weekdays from the daily band counts. */
export function load(facts: DailyFact[]): { byHour: number[]; byWeekday: number[] } {
  const byHour = Array.from({ length: 24 }, () => 0);
  const byWeekday = Array.from({ length: 7 }, () => 0);
  for (const f of facts) {
    if (f.dim === "hour") byHour[Number(f.key)] = (byHour[Number(f.key)] ?? 0) + f.n;
    else if (f.dim === "band" && (QUESTION_BANDS as readonly string[]).includes(f.key)) byWeekday[weekdayOf(f.day)] = (byWeekday[weekdayOf(f.day)] ?? 0) + f.n;
  }
  return { byHour, byWeekday };
}

/** A count per key of one dimension, largest first. */
export function ranking(facts: DailyFact[], dim: string, limit = 20): { key: string; n: number }[] {
  const by = sumBy(facts, (f) => (f.dim === dim ? f.key : null));
  return [...by].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)).slice(0, limit);
}

export interface TopicRow extends Shares {
  topic: string;
}

/** Questions per topic, from the band counts per topic (TOPIC_BAND, see loadFacts). */
export function byTopic(facts: DailyFact[]): TopicRow[] {
  const rows = new Map<string, TopicRow>();
  for (const f of facts) {
    if (f.dim !== TOPIC_BAND || !(QUESTION_BANDS as readonly string[]).includes(f.key)) continue;
    const row = rows.get(f.topic) ?? { topic: f.topic, questions: 0, answer: 0, suggest: 0, fallback: 0 };
    row[f.key as (typeof QUESTION_BANDS)[number]] += f.n;
    row.questions += f.n;
    rows.set(f.topic, row);
  }
  return [...rows.values()].sort((a, b) => b.questions - a.questions);
}

export interface EntryRating {
  entry: string;
  up: number;
  down: number;
}

/** Citizens' 👍 and 👎 on each entry's answers, most 👎 first (what staff should look at). */
export function entryRatings(facts: DailyFact[]): EntryRating[] {
  const rows = new Map<string, EntryRating>();
  for (const [key, n] of sumBy(facts, (f) => (f.dim === "rating" ? f.key : null))) {
    const cut = key.lastIndexOf("|");
    const entry = key.slice(0, cut);
    const row = rows.get(entry) ?? { entry, up: 0, down: 0 };
    if (key.slice(cut + 1) === "up") row.up += n;
    else row.down += n;
    rows.set(entry, row);
  }
  return [...rows.values()].sort((a, b) => b.down - a.down || b.up - a.up || a.entry.localeCompare(b.entry));
}

/** Suggestions offered and how many times the citizen picked one. */
export function acceptance(facts: DailyFact[]): { offered: number; chosen: number } {
  const by = sumBy(facts, (f) => (f.dim === "suggest" ? f.key : null));
  const chosen = by.get("chosen") ?? 0;
  return { offered: chosen + (by.get("ignored") ?? 0), chosen };
}

/** The containment cohort (see rollUp): answered questions, and those not followed within 24 h by a handover or a new question on the topic. */
export function containment(facts: DailyFact[]): { cohort: number; contained: number } {
  const by = sumBy(facts, (f) => (f.dim === "contained" ? f.key : null));
  const contained = by.get("yes") ?? 0;
  return { cohort: contained + (by.get("no") ?? 0), contained };
}

/** Answer latency percentiles in milliseconds (within 10 %, from the rollup's buckets). */
export function latency(facts: DailyFact[]): { p50: number | null; p95: number | null } {
  const hist = new Map<number, number>();
  for (const [k, n] of sumBy(facts, (f) => (f.dim === "latency" ? f.key : null))) hist.set(Number(k), n);
  return { p50: percentile(hist, 0.5), p95: percentile(hist, 0.95) };
}

/** Counts of one dimension's keys per period: the trend of gaps and of index evidence. */
export function trend(facts: DailyFact[], dim: string, period: Period): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const f of facts) {
    if (f.dim !== dim) continue;
    const row = out.get(f.key) ?? new Map<string, number>();
    const p = PERIOD[period](f.day);
    row.set(p, (row.get(p) ?? 0) + f.n);
    out.set(f.key, row);
  }
  return out;
}
