/**
 * `npm run eval`: scores the live matching engine on the labelled set in test/fixtures/eval/*.jsonl.
 * Each line: {"expected": entry id | null (out of scope), "accented", "plain", "chat"}.
 *
 * Per form it prints top-1 accuracy, the answered rate (answered directly with the right entry), the helpful rate (answered with the right entry, or the right
 * entry among the suggestions), the wrong-answer rate (answered directly with a wrong entry or intent:
 * the harmful case) and, for out-of-scope questions, safety (not answered with an entry).
 *
 * Options: --verbose (list every miss), --sweep (threshold grid on the same rankings),
 *          --ablation (what each stage is worth), --dir <folder>.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../config.js";
import { liveThresholds, loadLiveMatcher, matcherInputFor } from "../knowledge/live-matcher.js";
import { createMatcher, decideBand, DEFAULT_ENGINE_OPTIONS } from "../matching/index.js";
import type { Candidate, EngineMatcher, EngineOptions, MatcherInput, MatchResult, Thresholds } from "../matching/index.js";

export const FORMS = ["accented", "plain", "chat"] as const;
type Form = (typeof FORMS)[number];

export interface EvalCase {
  expected: string | null;
  accented: string;
  plain: string;
  chat: string;
  file: string;
}

export async function readEvalSet(dir: string): Promise<EvalCase[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".jsonl")).sort();
  const cases: EvalCase[] = [];
  for (const f of files) {
    const lines = (await readFile(path.join(dir, f), "utf8")).split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        const c = JSON.parse(line) as Omit<EvalCase, "file">;
        cases.push({ ...c, file: `${f}:${i + 1}` });
      } catch {
        console.error(`${f}:${i + 1}: not valid JSON, skipped`);
      }
    });
  }
  return cases;
}

interface FormScore {
  inScope: number;
  top1: number;
  answered: number;
  helpful: number;
  wrong: number;
  oos: number;
  oosSafe: number;
  oosFallback: number;
}

const emptyScore = (): FormScore => ({ inScope: 0, top1: 0, answered: 0, helpful: 0, wrong: 0, oos: 0, oosSafe: 0, oosFallback: 0 });

function tally(score: FormScore, expected: string | null, r: MatchResult): "ok" | "miss" | "wrong" {
  const top = r.top;
  if (expected === null) {
    score.oos++;
    const answeredEntry = r.band === "answer" && top?.kind === "entry";
    if (!answeredEntry) score.oosSafe++;
    if (r.band === "fallback" || top?.kind === "intent") score.oosFallback++;
    return answeredEntry ? "wrong" : "ok";
  }
  score.inScope++;
  if (top?.id === expected) score.top1++;
  const helpful =
    (r.band === "answer" && top?.id === expected) ||
    (r.band === "suggest" && r.suggestions.some((s) => s.id === expected));
  if (helpful) score.helpful++;
  if (r.band === "answer" && top?.id === expected) score.answered++;
  const wrong = r.band === "answer" && top?.id !== expected;
  if (wrong) score.wrong++;
  return wrong ? "wrong" : helpful ? "ok" : "miss";
}

const pct = (a: number, b: number) => (b === 0 ? "   -  " : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

function table(scores: Record<Form, FormScore>): string {
  const rows = [
    `form      in-scope  top-1   answered  helpful  wrong  | out-of-scope  safe    fallback`,
    ...FORMS.map((f) => {
      const s = scores[f];
      return `${f.padEnd(9)} ${String(s.inScope).padStart(8)}  ${pct(s.top1, s.inScope)}  ${pct(s.answered, s.inScope)}    ${pct(s.helpful, s.inScope)}  ${pct(s.wrong, s.inScope)} | ${String(s.oos).padStart(12)}  ${pct(s.oosSafe, s.oos)}  ${pct(s.oosFallback, s.oos)}`;
    }),
  ];
  return rows.join("\n");
}

function describe(c: Candidate | null): string {
  return c ? `${c.id} ${c.score.toFixed(3)}` : "—";
}

export function evaluate(
  cases: EvalCase[],
  match: (q: string) => MatchResult,
  onMiss?: (c: EvalCase, form: Form, r: MatchResult, kind: "miss" | "wrong") => void,
): Record<Form, FormScore> {
  const scores = { accented: emptyScore(), plain: emptyScore(), chat: emptyScore() };
  for (const c of cases) {
    for (const form of FORMS) {
      const r = match(c[form]);
      const verdict = tally(scores[form], c.expected, r);
      if (verdict !== "ok") onMiss?.(c, form, r, verdict);
    }
  }
  return scores;
}

function sweep(cases: EvalCase[], matcher: EngineMatcher): string {
  const ranked = new Map<string, Candidate[]>();
  for (const c of cases) for (const f of FORMS) ranked.set(c[f], matcher.rank(c[f]));
  const lines = ["answer suggest margin | worst answered  worst helpful  worst wrong  worst OOS-safe"];
  for (const answer of [0.45, 0.5, 0.55, 0.6, 0.65])
    for (const suggest of [0.3, 0.35, 0.4])
      for (const margin of [0.06, 0.08, 0.1, 0.12]) {
        const t: Thresholds = { answer, suggest, margin };
        const s = evaluate(cases, (q) => decideBand(ranked.get(q) ?? [], t));
        const worst = (k: (x: FormScore) => number, hi: boolean) =>
          FORMS.map((f) => k(s[f])).reduce((a, b) => (hi ? Math.max(a, b) : Math.min(a, b)));
        lines.push(
          `${answer.toFixed(2)}   ${suggest.toFixed(2)}    ${margin.toFixed(2)}  | ${pct(worst((x) => x.answered / x.inScope, false), 1)}         ${pct(worst((x) => x.helpful / x.inScope, false), 1)}        ${pct(worst((x) => x.wrong / x.inScope, true), 1)}       ${pct(worst((x) => x.oosSafe / x.oos, false), 1)}`,
        );
      }
  return lines.join("\n");
}

function ablation(cases: EvalCase[], input: MatcherInput): string {
  const variants: [string, Partial<EngineOptions>][] = [
    ["full engine", {}],
    ["no bigrams (syllables only)", { bigrams: false }],
    ["no accent features", { accents: false }],
    ["no Telex/typo repair", { repair: false }],
    ["no synonym table", { synonyms: false }],
    ["fuse.js rescoring off", { weights: { ...DEFAULT_ENGINE_OPTIONS.weights, fuzzy: 0 } }],
  ];
  const out: string[] = [];
  for (const [name, opts] of variants) {
    const m = createMatcher(input, opts);
    out.push(`\n${name}\n${table(evaluate(cases, (q) => m.match(q)))}`);
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirArg = args.indexOf("--dir");
  const dir = dirArg >= 0 ? (args[dirArg + 1] ?? "") : path.join("test", "fixtures", "eval");
  const cases = await readEvalSet(dir);
  const config = loadConfig();
  const t0 = performance.now();
  const { matcher, entries, kb } = await loadLiveMatcher(config);
  const loadMs = performance.now() - t0;
  const misses: string[] = [];
  const t1 = performance.now();
  const scores = evaluate(cases, (q) => matcher.match(q), (c, form, r, kind) => {
    misses.push(
      `${kind.padEnd(5)} ${form.padEnd(8)} expected ${c.expected ?? "(out of scope)"}: ${r.band} ${describe(r.top)}` +
        `${r.suggestions.length ? ` [${r.suggestions.map((s) => s.id).join(", ")}]` : ""}  «${c[form]}»  (${c.file})`,
    );
  });
  const ms = performance.now() - t1;
  const inScope = cases.filter((c) => c.expected !== null).length;
  const t = liveThresholds(config);
  console.log(
    `Evaluation: ${cases.length} labelled questions (${inScope} in scope, ${cases.length - inScope} out of scope), ` +
      `3 forms each; ${entries.length} entries; thresholds answer ${t.answer} / suggest ${t.suggest} / margin ${t.margin}`,
  );
  console.log(table(scores));
  console.log(`(engine loaded in ${loadMs.toFixed(0)} ms; ${(ms / (cases.length * 3)).toFixed(3)} ms per question)`);
  if (args.includes("--verbose")) console.log(`\nMisses and wrong answers (${misses.length}):\n${misses.join("\n")}`);
  else console.log(`${misses.filter((m) => m.startsWith("wrong")).length} wrong answers, ${misses.length} misses in all (--verbose lists them)`);
  const input = matcherInputFor(kb, t);
  if (args.includes("--sweep")) console.log(`\n${sweep(cases, createMatcher(input))}`);
  if (args.includes("--ablation")) console.log(ablation(cases, input));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
