/**
 * `npm run eval`: scores the live matching engine on the labelled set (test/fixtures/eval/*.jsonl) and
 * on the real set (test/fixtures/eval/real/*.jsonl), each question in three forms (accented, plain,
 * chat; see eval-sets.ts for the forms and for the dev / held-out split of the real set: FNV-1a of the
 * question's NFC text, even → dev, odd → held-out).
 *
 * Per form: ranking top-1, answered directly and right, helpful (answered right, or the right entry
 * among the choices offered), wrong answers (answered directly with a wrong entry or intent: the
 * harmful case) and, for out-of-scope questions, safety (not answered with an entry). The real set is
 * reported in two parts: dev (where calibration and thresholds are fitted) and held-out (never used
 * for any choice). Under each table, the 95% Wilson intervals of answered-right and wrong: on a few
 * hundred questions a difference of a few points is within them.
 *
 * Options: --verbose (list every miss; held-out misses only with --show-held-out), --dir <folder>,
 *          --real <folder>, --pilot <folder> (citizens' labelled questions from `npm run eval:export`),
 *          --json.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { countByOrigin } from "../analytics/labelled-queries.js";
import { wordingKey } from "../analytics/question-groups.js";
import { loadConfig } from "../config.js";
import { loadLiveMatcher } from "../knowledge/live-matcher.js";
import type { Candidate, MatchResult } from "../matching/index.js";
import { asksNotCovered, FORMS, readEvalSet, readRealSet, type EvalCase, type Form } from "./eval-sets.js";

export { asksNotCovered, FORMS, readEvalSet, readRealSet, type EvalCase, type Form } from "./eval-sets.js";

export interface FormScore {
  inScope: number;
  top1: number;
  answered: number;
  helpful: number;
  wrong: number;
  oos: number;
  oosSafe: number;
  oosFallback: number;
  /** Of the out-of-scope questions, those about a topic of ours whose ask no entry answers. */
  askNotCovered: number;
  askNotCoveredSafe: number;
}

const emptyScore = (): FormScore => ({ inScope: 0, top1: 0, answered: 0, helpful: 0, wrong: 0, oos: 0, oosSafe: 0, oosFallback: 0, askNotCovered: 0, askNotCoveredSafe: 0 });


export type Verdict = "ok" | "miss" | "wrong";

export function tally(score: FormScore, expected: string | null, r: MatchResult, askNotCovered = false): Verdict {
  const top = r.top;
  if (expected === null) {
    score.oos++;
    const answeredEntry = r.band === "answer" && top?.kind === "entry";
    if (!answeredEntry) score.oosSafe++;
    if (askNotCovered) score.askNotCovered++;
    if (askNotCovered && !answeredEntry) score.askNotCoveredSafe++;
    if (r.band === "fallback" || top?.kind === "intent") score.oosFallback++;
    return answeredEntry ? "wrong" : "ok";
  }
  score.inScope++;
  if (top?.id === expected) score.top1++;
  const answeredRight = r.band === "answer" && top?.id === expected;
  const helpful = answeredRight || (r.band !== "fallback" && r.suggestions.some((s) => s.id === expected));
  if (helpful) score.helpful++;
  if (answeredRight) score.answered++;
  const wrong = r.band === "answer" && top?.id !== expected;
  if (wrong) score.wrong++;
  return wrong ? "wrong" : helpful ? "ok" : "miss";
}

/** The out-of-scope questions that are not about the services we cover (topic "none"), and how many were kept safe. */
export function notOurServices(s: FormScore): { oos: number; safe: number } {
  return { oos: s.oos - s.askNotCovered, safe: s.oosSafe - s.askNotCoveredSafe };
}

const pct = (a: number, b: number) => (b === 0 ? "   -  " : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

export function table(scores: Record<Form, FormScore>): string {
  const rows = [
    `form      in-scope  top-1   answered  helpful  wrong  | out-of-scope  safe    fallback | of which ask not covered  safe   | other  safe`,
    ...FORMS.map((f) => {
      const s = scores[f];
      const other = notOurServices(s);
      return (
        `${f.padEnd(9)} ${String(s.inScope).padStart(8)}  ${pct(s.top1, s.inScope)}  ${pct(s.answered, s.inScope)}    ${pct(s.helpful, s.inScope)}  ${pct(s.wrong, s.inScope)} | ${String(s.oos).padStart(12)}  ${pct(s.oosSafe, s.oos)}  ${pct(s.oosFallback, s.oos)} |` +
        ` ${String(s.askNotCovered).padStart(24)}  ${pct(s.askNotCoveredSafe, s.askNotCovered)} | ${String(other.oos).padStart(5)}  ${pct(other.safe, other.oos)}`
      );
    }),
  ];
  return rows.join("\n");
}

/** Wilson score interval (95%) of a proportion k/n: how far a rate measured on n questions can move. */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** The 95% intervals of answered-right and wrong, per form (a question is 1/n of each rate). */
export function intervals(scores: Record<Form, FormScore>): string {
  const span = (k: number, n: number) => wilson(k, n).map((x) => `${(100 * x).toFixed(1)}`).join("–");
  const per = (f: (s: FormScore) => number) => FORMS.map((form) => `${form} ${span(f(scores[form]), scores[form].inScope)}%`).join(", ");
  return `95% intervals (Wilson): answered ${per((s) => s.answered)}; wrong ${per((s) => s.wrong)}`;
}

function describe(c: Candidate | null): string {
  return c ? `${c.id} ${c.score.toFixed(3)}` : "—";
}

export function evaluate(
  cases: readonly EvalCase[],
  match: (q: string) => MatchResult,
  onMiss?: (c: EvalCase, form: Form, r: MatchResult, kind: "miss" | "wrong") => void,
): Record<Form, FormScore> {
  const scores = { accented: emptyScore(), plain: emptyScore(), chat: emptyScore() };
  for (const c of cases) {
    for (const form of FORMS) {
      const r = match(c[form]);
      const verdict = tally(scores[form], c.expected, r, asksNotCovered(c));
      if (verdict !== "ok") onMiss?.(c, form, r, verdict);
    }
  }
  return scores;
}

/** Per-topic counts of the real set's two parts (the split is checked by eye and by the tests). */
export function splitSummary(real: readonly EvalCase[]): string {
  const by = new Map<string, { dev: number; held: number }>();
  for (const c of real) {
    const k = c.expected === null ? "(out of scope)" : (c.topic ?? "?");
    const v = by.get(k) ?? { dev: 0, held: 0 };
    if (c.part === "dev") v.dev++;
    else v.held++;
    by.set(k, v);
  }
  return [...by.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v.dev}/${v.held}`)
    .join(", ");
}

/** A pilot question whose wording staff already added as an example would score itself: it is left out. */
export function pilotCases(all: readonly EvalCase[], entries: readonly { questions: string[] }[]): { cases: EvalCase[]; known: number } {
  const examples = new Set(entries.flatMap((e) => e.questions.map(wordingKey)));
  const cases = all.filter((c) => !examples.has(wordingKey(c.accented)));
  return { cases, known: all.length - cases.length };
}

function missLine(c: EvalCase, form: Form, r: MatchResult, kind: string): string {
  const extra = r.reason ? ` (${r.reason})` : "";
  return (
    `${kind.padEnd(5)} ${form.padEnd(8)} expected ${c.expected ?? "(out of scope)"}: ${r.band}${extra} ${describe(r.top)} p=${r.confidence.toFixed(2)}` +
    `${r.suggestions.length ? ` [${r.suggestions.map((s) => s.id).join(", ")}]` : ""}  «${c[form]}»  (${c.file})`
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const labelled = await readEvalSet(arg("--dir", path.join("test", "fixtures", "eval")));
  const real = await readRealSet(arg("--real", path.join("test", "fixtures", "eval", "real")));
  const config = loadConfig();
  const t0 = performance.now();
  const { matcher, entries } = await loadLiveMatcher(config);
  const loadMs = performance.now() - t0;
  const verbose = args.includes("--verbose");
  const showHeld = args.includes("--show-held-out");
  const json: Record<string, Record<Form, FormScore>> = {};

  const report = (name: string, cases: EvalCase[], listMisses: boolean) => {
    const misses: string[] = [];
    const t1 = performance.now();
    const scores = evaluate(cases, (q) => matcher.match(q), (c, form, r, kind) => misses.push(missLine(c, form, r, kind)));
    const ms = performance.now() - t1;
    json[name] = scores;
    const inScope = cases.filter((c) => c.expected !== null).length;
    console.log(`\n${name}: ${cases.length} questions (${inScope} in scope, ${cases.length - inScope} out of scope), 3 forms each`);
    console.log(table(scores));
    console.log(intervals(scores));
    console.log(
      `${misses.filter((m) => m.startsWith("wrong")).length} wrong answers, ${misses.length} misses in all; ${(ms / Math.max(1, cases.length * 3)).toFixed(3)} ms per question`,
    );
    if (verbose && listMisses) console.log(misses.join("\n"));
  };

  console.log(`Evaluation of the live engine: ${entries.length} entries (engine loaded in ${loadMs.toFixed(0)} ms)`);
  report("Labelled set (written by the team; also used for fitting)", labelled, verbose);
  if (real.length > 0) {
    console.log(`\nReal set: ${real.length} questions; split dev/held-out per topic: ${splitSummary(real)}`);
    report("Real set, DEV part (calibration and thresholds fitted here)", real.filter((c) => c.part === "dev"), verbose);
    report("Real set, HELD-OUT part (never used for any choice)", real.filter((c) => c.part === "held-out"), showHeld);
  } else console.log("\nReal set: no questions found in test/fixtures/eval/real/");
  const pilotDir = arg("--pilot", "");
  if (pilotDir) {
    const { cases, known } = pilotCases(await readRealSet(pilotDir), entries);
    console.log(`\nPilot set (${pilotDir}): ${cases.length + known} labelled citizens' questions; ${known} left out because their wording is already an example question of the knowledge base`);
    console.log(`labels: ${countByOrigin(cases.map((c) => c.kind))}; "accented" below is the text as the citizen typed it`);
    if (cases.length > 0) report("Pilot set (citizens' own questions; never used for fitting)", cases, verbose);
  }
  if (args.includes("--json")) console.log(JSON.stringify(json));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
