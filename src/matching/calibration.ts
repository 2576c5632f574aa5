import type { Signals } from "./rescore.js";
import { MODEL } from "./calibration-model.js";

/**
 * Calibration: the features of one query's ranking, and the two logistic regressions that turn them into
 * probabilities (fitted offline by src/cli/fit-calibration.ts on the labelled set and the dev part of
 * the real set, never on held-out; the coefficients live in calibration-model.ts).
 */

export interface RankedView {
  score: number;
  topic: string | null;
  signals: Signals & { retrieval: number };
}

export interface QueryView {
  /** Σ focus over the query's informative (non-filler) positions. */
  length: number;
  /** Share of the query's informative mass made of words the knowledge base has never seen. */
  unknownShare: number;
  /** Typed with diacritics. */
  marked: boolean;
  /** Share of the query's mass taken by an out-of-scope subject (0 when none is named). */
  outOfScopeShare: number;
  /** Coverage of the best intent. */
  intentCoverage: number;
}

export const FEATURE_NAMES = [
  "score",
  "margin",
  "marginOtherTopic",
  "coverage",
  "bigramCoverage",
  "containment",
  "closeness",
  "fuzzy",
  "runnerUpRetrieval",
  "logLength",
  "siblingRunnerUp",
  "unknownShare",
  "marked",
  "outOfScopeShare",
  "intentCoverage",
] as const;

/** The feature vector (in FEATURE_NAMES order) of a ranking, best entry first. */
export function calibrationFeatures(ranked: readonly RankedView[], q: QueryView): number[] {
  const top = ranked[0];
  if (!top) return FEATURE_NAMES.map(() => 0);
  const second = ranked[1];
  const otherTopic = ranked.find((c) => c.topic !== top.topic);
  const s = top.signals;
  return [
    top.score,
    top.score - (second?.score ?? 0),
    top.score - (otherTopic?.score ?? 0),
    s.coverage,
    s.bigramCoverage,
    s.containment,
    s.closeness,
    s.fuzzy,
    second?.signals.retrieval ?? 0,
    Math.log1p(q.length),
    second && second.topic === top.topic ? 1 : 0,
    q.unknownShare,
    q.marked ? 1 : 0,
    q.outOfScopeShare,
    q.intentCoverage,
  ];
}

export interface LogisticModel {
  /** Per-feature mean and scale used to standardise before the dot product. */
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
}

export function predict(m: LogisticModel, x: readonly number[]): number {
  let z = m.bias;
  for (let i = 0; i < x.length; i++) z += (m.weights[i] ?? 0) * (((x[i] as number) - (m.mean[i] ?? 0)) / (m.scale[i] || 1));
  return 1 / (1 + Math.exp(-z));
}

/** Probability that the top entry is right, and that the right entry is among the first three. */
export function calibrated(x: readonly number[]): { top1: number; top3: number } {
  return { top1: predict(MODEL.top1, x), top3: predict(MODEL.top3, x) };
}
