/**
 * `npx tsx src/cli/fit-calibration.ts [--dry-run]`: fits the engine's calibration offline and writes
 * src/matching/calibration-model.ts.
 *
 * Data: the labelled set (3 forms) and the DEV part of the real set (3 forms; see eval-sets.ts for the
 * split). The held-out part is never read here. Each question gives the feature vector of its ranking
 * (calibration.ts) and two labels: the top entry is right; the right entry is among the first three
 * (out-of-scope questions: 0 and 0). Questions decided before calibration (an intent, an out-of-scope
 * subject) are left out. Real dev questions weigh twice as much as labelled ones (they are the target).
 *
 * Model: L2-regularised logistic regression on standardised features, fitted by Newton's method.
 * Thresholds, from target error rates on the same data:
 * - answer: the lowest probability at which wrong answers stay ≤ 2% of in-scope real dev questions
 *   (three forms pooled; ≤ 3% in each form) and ≤ 2% on the labelled set in every form, and
 *   out-of-scope questions answered with an entry stay ≤ 4% (real dev and labelled, each pooled over
 *   the forms), all on out-of-fold probabilities pooled over several fold assignments (see outOfFold).
 *   Out of scope here means not about the services we cover (real lines with topic "none"). Lines
 *   whose subject is ours but whose ask no entry answers ("Lý lịch tư pháp có thời hạn bao lâu?") are
 *   fitted as "top entry wrong" yet left out of this rule: they look like answerable questions, so a
 *   higher threshold would cost right answers without keeping them out (a sixth to a quarter of them
 *   are still answered at 0.90–0.95); they need content, and `npm run eval` reports them apart;
 * - suggest: the highest top-3 probability (at most 0.3) that loses no "helpful" question in any form;
 * - margin: the sibling margin (0.05, 0.08 or 0.1) that gives the most "helpful" on real dev, ties to
 *   the largest (an alternative button costs the citizen little).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../config.js";
import { liveThresholds, matcherInputFor } from "../knowledge/live-matcher.js";
import { loadKnowledgeBase } from "../knowledge/loader.js";
import { createMatcher, decideBand, FEATURE_NAMES, predict, type Candidate, type LogisticModel, type Thresholds } from "../matching/index.js";
import { asksNotCovered, fnv1a, FORMS, readEvalSet, readRealSet, type Form } from "./eval-sets.js";

interface Sample {
  x: number[];
  y1: number;
  y3: number;
  w: number;
  set: "labelled" | "dev";
  form: Form;
  expected: string | null;
  /** Out of scope: no topic of ours ("none"), or a topic of ours whose ask no entry answers. */
  nullKind?: "none" | "in-topic";
  ranked: Candidate[];
  answerAt?: number;
  /** The question (all its forms share it): folds never split a question. */
  question: string;
  /** Out-of-fold probabilities: from the model fitted without this question's fold. */
  p1?: number;
  p3?: number;
  /** Decided before calibration (intent, out-of-scope subject): its band does not depend on thresholds. */
  fixed?: { band: string; topId: string | null; kind: string | null; suggestions: string[] };
}

function fit(samples: Sample[], label: (s: Sample) => number, lambda = 1): LogisticModel {
  const d = FEATURE_NAMES.length;
  const mean = Array.from({ length: d }, (_, j) => samples.reduce((a, s) => a + (s.x[j] as number), 0) / samples.length);
  const scale = Array.from({ length: d }, (_, j) => {
    const v = samples.reduce((a, s) => a + ((s.x[j] as number) - (mean[j] as number)) ** 2, 0) / samples.length;
    return Math.sqrt(v) || 1;
  });
  const z = samples.map((s) => [1, ...s.x.map((v, j) => (v - (mean[j] as number)) / (scale[j] as number))]);
  let beta = new Array(d + 1).fill(0) as number[];
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array(d + 1).fill(0) as number[];
    const h = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0) as number[]);
    samples.forEach((s, i) => {
      const zi = z[i] as number[];
      const p = 1 / (1 + Math.exp(-zi.reduce((a, v, j) => a + v * (beta[j] as number), 0)));
      const y = label(s);
      for (let a = 0; a <= d; a++) {
        (g[a] as number) += s.w * (p - y) * (zi[a] as number);
        const row = h[a] as number[];
        for (let b = 0; b <= d; b++) row[b] = (row[b] as number) + s.w * p * (1 - p) * (zi[a] as number) * (zi[b] as number);
      }
    });
    for (let a = 1; a <= d; a++) {
      (g[a] as number) += lambda * (beta[a] as number);
      (h[a] as number[])[a] = ((h[a] as number[])[a] as number) + lambda;
    }
    const step = solve(h, g);
    beta = beta.map((b, j) => b - (step[j] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { mean: mean.map(r6), scale: scale.map(r6), weights: beta.slice(1).map(r6), bias: r6(beta[0] as number) };
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = (m[c] as number[])[c] as number;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((m[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++) (m[r] as number[])[k] = ((m[r] as number[])[k] as number) - f * ((m[c] as number[])[k] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / ((row[i] as number) || 1));
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Indented JSON with each array of numbers on one line (one feature per column, easy to compare). */
const oneLineArrays = (json: string) => json.replace(/\[\s+([-\d.e,\s]+?)\s+\]/g, (_, xs: string) => `[${xs.split(/,\s*/).join(", ")}]`);

const FOLDS = 5;

/** Fold assignments: a question's fold is FNV-1a of "seed:question" (seed 0: of the question alone). */
const SEEDS = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/**
 * Thresholds are chosen on out-of-fold probabilities: each question's from the models fitted on the
 * other folds (a question's three forms stay in one fold). In-sample probabilities would be optimistic
 * and the thresholds too loose for questions the model has not seen. One 5-fold split of a few hundred real
 * dev questions moves the figures by a question or two, as much as most changes being compared, so the
 * split is redone with every seed of SEEDS and each sample appears once per seed: thresholds and
 * figures then rest on the mean over the splits.
 */
function outOfFold(train: Sample[], fixed: Sample[]): Sample[] {
  const out: Sample[] = [];
  for (const seed of SEEDS) {
    const foldOf = (s: Sample) => fnv1a(seed === 0 ? s.question : `${seed}:${s.question}`) % FOLDS;
    for (let k = 0; k < FOLDS; k++) {
      const rest = train.filter((s) => foldOf(s) !== k);
      const f1 = fit(rest, (s) => s.y1);
      const f3 = fit(rest, (s) => s.y3);
      for (const s of train) if (foldOf(s) === k) out.push({ ...s, p1: predict(f1, s.x), p3: predict(f3, s.x) });
    }
    out.push(...fixed);
  }
  return out;
}
/** Falling back helps no target and a small dev set overstates how safe a high floor is. */
const SUGGEST_CAP = 0.3;

interface Rates {
  inScope: number;
  answered: number;
  helpful: number;
  wrong: number;
  oos: number;
  oosAnswered: number;
  inTopicNull: number;
  inTopicNullAnswered: number;
}

function rates(samples: Sample[], t: Thresholds): Map<string, Rates> {
  const out = new Map<string, Rates>();
  for (const s of samples) {
    const key = `${s.set}/${s.form}`;
    const r = out.get(key) ?? { inScope: 0, answered: 0, helpful: 0, wrong: 0, oos: 0, oosAnswered: 0, inTopicNull: 0, inTopicNullAnswered: 0 };
    const d = s.fixed ?? (() => {
      const res = decideBand({ ranked: s.ranked, confidence: s.p1 ?? 0, top3: s.p3 ?? 0, answerAt: s.answerAt }, t);
      return { band: res.band, topId: res.top?.id ?? null, kind: res.top?.kind ?? null, suggestions: res.suggestions.map((c) => c.id) };
    })();
    if (s.nullKind === "in-topic") {
      r.inTopicNull++;
      if (d.band === "answer" && d.kind === "entry") r.inTopicNullAnswered++;
    } else if (s.expected === null) {
      r.oos++;
      if (d.band === "answer" && d.kind === "entry") r.oosAnswered++;
    } else {
      r.inScope++;
      const right = d.band === "answer" && d.topId === s.expected;
      if (right) r.answered++;
      if (right || (d.band !== "fallback" && d.suggestions.includes(s.expected))) r.helpful++;
      if (d.band === "answer" && d.topId !== s.expected) r.wrong++;
    }
    out.set(key, r);
  }
  return out;
}

/** The thresholds of the rule in the header, on the samples' out-of-fold probabilities. */
function chooseThresholds(samples: Sample[]): Thresholds {
  const ok = (r: Map<string, Rates>) => {
    const pooled = { inScope: 0, wrong: 0, oos: 0, oosAnswered: 0 };
    const labelled = { oos: 0, oosAnswered: 0 };
    const each = FORMS.every((f) => {
      const l = r.get(`labelled/${f}`);
      const d = r.get(`dev/${f}`);
      if (d) for (const k of Object.keys(pooled) as (keyof typeof pooled)[]) pooled[k] += d[k];
      if (l) for (const k of Object.keys(labelled) as (keyof typeof labelled)[]) labelled[k] += l[k];
      const lOk = !l || l.wrong <= 0.02 * l.inScope;
      const dOk = !d || d.wrong <= 0.03 * d.inScope;
      return lOk && dOk;
    });
    return each && pooled.wrong <= 0.02 * pooled.inScope && pooled.oosAnswered <= 0.04 * pooled.oos && labelled.oosAnswered <= 0.04 * labelled.oos;
  };
  const helpfulWorst = (r: Map<string, Rates>) => Math.min(...[...r.values()].map((x) => x.helpful / Math.max(1, x.inScope)));
  let answer = 0.99;
  for (let t = 0.3; t <= 0.99; t += 0.01) {
    if (ok(rates(samples, { answer: t, suggest: 0, margin: 0.08 }))) {
      answer = Math.round(t * 100) / 100;
      break;
    }
  }
  const base = helpfulWorst(rates(samples, { answer, suggest: 0, margin: 0.08 }));
  let suggest = 0;
  for (let t = 0; t <= SUGGEST_CAP + 1e-9; t += 0.01) {
    if (helpfulWorst(rates(samples, { answer, suggest: t, margin: 0.08 })) >= base) suggest = Math.round(t * 100) / 100;
    else break;
  }
  let margin = 0.05;
  let bestHelpful = -1;
  for (const mg of [0.05, 0.08, 0.1]) {
    const r = rates(samples, { answer, suggest, margin: mg });
    const h = FORMS.reduce((a, f) => a + (r.get(`dev/${f}`)?.helpful ?? 0), 0);
    if (h >= bestHelpful) {
      bestHelpful = h;
      margin = mg;
    }
  }
  return { answer, suggest, margin };
}

function printCurve(samples: Sample[]): void {
  for (let t = 0.5; t <= 0.96; t += 0.05) {
    const r = rates(samples, { answer: t, suggest: 0, margin: 0.08 });
    console.log(
      t.toFixed(2),
      [...r.entries()].map(([k, v]) => `${k} ans ${((100 * v.answered) / v.inScope).toFixed(0)} wr ${((100 * v.wrong) / v.inScope).toFixed(1)} oos ${v.oosAnswered}/${v.oos} in-topic null ${v.inTopicNullAnswered}/${v.inTopicNull}`).join(" | "),
    );
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase(config);
  const input = matcherInputFor(kb, liveThresholds(config));
  const matcher = createMatcher(input);
  const thresholdOf = new Map(input.entries.map((e) => [e.id, e.answerThreshold]));
  const labelled = await readEvalSet(path.join("test", "fixtures", "eval"));
  const dev = (await readRealSet(path.join("test", "fixtures", "eval", "real"))).filter((c) => c.part === "dev");
  const samples: Sample[] = [];
  for (const [set, cases, w] of [["labelled", labelled, 1], ["dev", dev, 2]] as const) {
    for (const c of cases)
      for (const form of FORMS) {
        const q = c[form];
        const x = matcher.inspect(q);
        const ranked = x.entries.map(({ signals: _s, ...cand }) => cand);
        const ids = ranked.map((r) => r.id);
        const res = matcher.match(q);
        const fixed =
          res.reason === "intent" || res.reason === "out_of_scope" || res.reason === "no_match"
            ? { band: res.band, topId: res.top?.id ?? null, kind: res.top?.kind ?? null, suggestions: res.suggestions.map((s) => s.id) }
            : undefined;
        samples.push({
          x: x.features,
          y1: c.expected !== null && ids[0] === c.expected ? 1 : 0,
          y3: c.expected !== null && ids.slice(0, 3).includes(c.expected) ? 1 : 0,
          w,
          set,
          form,
          expected: c.expected,
          nullKind: c.expected !== null ? undefined : asksNotCovered(c) ? "in-topic" : "none",
          ranked,
          answerAt: ranked[0] ? thresholdOf.get(ranked[0].id) : undefined,
          question: `${set}:${c.file}`,
          fixed,
        });
      }
  }
  const train = samples.filter((s) => !s.fixed);
  const m1 = fit(train, (s) => s.y1);
  const m3 = fit(train, (s) => s.y3);
  const pooled = outOfFold(train, samples.filter((s) => s.fixed));
  const { answer, suggest, margin } = chooseThresholds(pooled);
  if (process.argv.includes("--curve")) printCurve(pooled);

  const final = rates(pooled, { answer, suggest, margin });
  for (const [k, r] of final)
    console.log(
      `${k.padEnd(16)} answered ${(r.answered / r.inScope * 100).toFixed(1)}% helpful ${(r.helpful / r.inScope * 100).toFixed(1)}% wrong ${(r.wrong / r.inScope * 100).toFixed(1)}% oos answered ${r.oos ? (r.oosAnswered / r.oos * 100).toFixed(1) : "-"}%`,
    );
  console.log({ answer, suggest, margin, train: train.length, fixed: samples.length - train.length });
  console.log(FEATURE_NAMES.map((n, i) => `${n} ${m1.weights[i]?.toFixed(3)} / ${m3.weights[i]?.toFixed(3)}`).join("\n"));
  if (process.argv.includes("--dry-run")) return;
  const fittedOn = `labelled set ${labelled.length} + real dev ${dev.length} questions × 3 forms (${new Date().toISOString().slice(0, 10)})`;
  const text = `/**
 * Generated by src/cli/fit-calibration.ts (do not edit by hand): logistic regressions over the features
 * of calibration.ts (FEATURE_NAMES order, standardised by mean and scale), and the thresholds chosen
 * from target error rates on the fitting data (the labelled set and the real set's dev part only).
 */
import type { LogisticModel } from "./calibration.js";

export const MODEL: { top1: LogisticModel; top3: LogisticModel; thresholds: { answer: number; suggest: number; margin: number }; fittedOn: string } = ${oneLineArrays(JSON.stringify({ top1: m1, top3: m3, thresholds: { answer, suggest, margin }, fittedOn }, null, 2))};
`;
  await writeFile(path.join("src", "matching", "calibration-model.ts"), text);
  console.log("wrote src/matching/calibration-model.ts");
}

await main();
