import { suggestGaps } from "./gaps.js";
import { evidenceOf, placeOf } from "./national-index.js";
import { ruleInput } from "./text-rules.js";
import { latencyBucket } from "./latency.js";
import { vnDay, vnHour } from "./vn-time.js";

/** A QueryLog row, as the rollup reads it. */
export interface LogRow {
  id: number;
  createdAt: Date;
  userKey: string;
  text: string;
  band: string;
  matchedId: string | null;
  topic: string | null;
  latencyMs: number;
  chosenId: string | null;
  /** What the assistant did; an entry's 👍/👎 is a command row with outcome ENTRY_RATED + "up" | "down". */
  outcome?: string;
}

/** Outcome prefix of a citizen's 👍/👎 on an entry's answer (the row's matchedId is the entry). */
export const ENTRY_RATED = "rated:";

/** One count of the daily rollup: on `day` (Vietnam time), for `topic` ("" for none), `n` queries had value `key` of `dim`. */
export interface DailyFact {
  day: string;
  topic: string;
  dim: string;
  key: string;
  n: number;
}

/**
 * Not stored: the band counts per topic as the reports read them (see loadFacts), by month rather than
 * by day, since every other fact is read summed over the filter's topics.
 */
export const TOPIC_BAND = "band_topic";

/** The topic key that counts each citizen once across topics (citizen facts only). */
export const ALL_TOPICS = "*";

export interface RollupInput {
  rows: LogRow[];
  /** Queries in the 24 h after the last row (for containment); may repeat rows. */
  later: LogRow[];
  /** Handovers in the same window, by citizen key. */
  handoffs: { userKey: string; createdAt: Date }[];
  /** Citizens who asked anything before the first row's day. */
  seenBefore: ReadonlySet<string>;
  /** False for days whose next 24 h are not over yet: containment is not counted for them. */
  containment: boolean;
}

export const CONTAINMENT_WINDOW_MS = 24 * 60 * 60 * 1000;
const QUESTION_BANDS = new Set(["answer", "suggest", "fallback"]);

/**
 * Turns a stretch of the query log into daily facts: no text and no citizen key leave this function.
 * Containment cohort: each question the assistant answered directly (band "answer"); it is contained
 * when, within 24 h after it, the same citizen was not handed over to a cán bộ and did not ask again on
 * the same topic.
 */
export function rollUp(input: RollupInput): DailyFact[] {
  const facts = new Map<string, DailyFact>();
  const add = (day: string, topic: string, dim: string, key: string) => {
    const id = `${day}\t${topic}\t${dim}\t${key}`;
    const f = facts.get(id);
    if (f) f.n += 1;
    else facts.set(id, { day, topic, dim, key, n: 1 });
  };
  const rows = [...input.rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const firstDay = new Map([...input.seenBefore].map((k) => [k, ""]));
  const counted = new Set<string>();
  const contained = containmentJudge(rows, input);
  const rules = memoRules();
  for (const r of rows) {
    const day = vnDay(r.createdAt);
    const topic = r.topic ?? "";
    add(day, topic, "band", r.band);
    citizen(r, day, topic, firstDay, counted, add);
    if (r.matchedId && r.outcome?.startsWith(ENTRY_RATED)) add(day, topic, "rating", `${r.matchedId}|${r.outcome.slice(ENTRY_RATED.length)}`);
    if (!QUESTION_BANDS.has(r.band)) continue;
    add(day, topic, "hour", String(vnHour(r.createdAt)).padStart(2, "0"));
    add(day, topic, "latency", String(latencyBucket(r.latencyMs)));
    if (r.band === "answer" && r.matchedId) add(day, topic, "entry", r.matchedId);
    if (r.band === "suggest") add(day, topic, "suggest", r.chosenId ? "chosen" : "ignored");
    if (r.band === "answer" && input.containment) add(day, topic, "contained", contained(r) ? "yes" : "no");
    const { gaps, evidence, place } = rules(r);
    for (const gap of gaps) add(day, topic, "gap", gap);
    for (const kind of evidence) {
      add(day, topic, "index", kind);
      if (place) add(day, topic, "place", `${kind}|${place}`);
    }
  }
  return [...facts.values()];
}

type Add = (day: string, topic: string, dim: string, key: string) => void;

/** Each citizen once a day per topic and once across topics: "new" on the day of their first query ever. */
function citizen(r: LogRow, day: string, topic: string, firstDay: Map<string, string>, counted: Set<string>, add: Add): void {
  const first = firstDay.get(r.userKey) ?? day;
  firstDay.set(r.userKey, first);
  for (const t of [topic, ALL_TOPICS]) {
    const once = `${day}\t${t}\t${r.userKey}`;
    if (counted.has(once)) continue;
    counted.add(once);
    add(day, t, "citizen", first === day ? "new" : "returning");
  }
}

function containmentJudge(rows: LogRow[], input: RollupInput): (r: LogRow) => boolean {
  const asked = new Map<string, number[]>();
  const ids = new Set<number>();
  for (const q of [...rows, ...input.later]) {
    if (ids.has(q.id) || !q.topic || !QUESTION_BANDS.has(q.band)) continue;
    ids.add(q.id);
    push(asked, `${q.userKey}\t${q.topic}`, q.createdAt.getTime());
  }
  const handed = new Map<string, number[]>();
  for (const h of input.handoffs) push(handed, h.userKey, h.createdAt.getTime());
  const within = (times: number[] | undefined, from: number) => (times ?? []).some((t) => t > from && t <= from + CONTAINMENT_WINDOW_MS);
  return (r) => {
    const at = r.createdAt.getTime();
    return !within(handed.get(r.userKey), at) && !within(asked.get(`${r.userKey}\t${r.topic}`), at);
  };
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Gap and index rules per distinct (text, topic, band): citizens repeat the same questions. */
function memoRules(): (r: LogRow) => { gaps: string[]; evidence: string[]; place: string | null } {
  const memo = new Map<string, { gaps: string[]; evidence: string[]; place: string | null }>();
  return (r) => {
    const key = `${r.band}\t${r.topic ?? ""}\t${r.text}`;
    let found = memo.get(key);
    if (!found) {
      const q = ruleInput(r.text, r.topic, r.band);
      found = { gaps: suggestGaps(q), evidence: evidenceOf(q), place: placeOf(r.text) };
      memo.set(key, found);
    }
    return found;
  };
}
