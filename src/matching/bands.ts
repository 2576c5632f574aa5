/**
 * The three bands. Answer only when the best candidate is confident enough (its own threshold when the
 * entry sets one) and clearly ahead of the runner-up; otherwise offer up to three entries; below the
 * floor, fall back. An intent is never offered as a suggestion button, and only has to be clearly ahead of
 * the entries (not of another intent).
 */

export interface Thresholds {
  /** Minimum confidence to answer directly. */
  answer: number;
  /** Minimum confidence to be offered as a suggestion; below it the engine falls back. */
  suggest: number;
  /** Minimum lead of the top candidate over the runner-up to answer directly. */
  margin: number;
}

export interface Candidate {
  id: string;
  kind: "entry" | "intent";
  topic: string | null;
  title: string;
  /** Calibrated confidence, 0..1. */
  score: number;
}

export type Band = "answer" | "suggest" | "fallback";

export interface MatchResult {
  band: Band;
  top: Candidate | null;
  suggestions: Candidate[];
}

export const MAX_SUGGESTIONS = 3;

/** @param ranked candidates sorted by descending score. */
export function decideBand(
  ranked: readonly Candidate[],
  thresholds: Thresholds,
  answerThresholdOf: (c: Candidate) => number | undefined = () => undefined,
): MatchResult {
  const top = ranked[0] ?? null;
  if (!top) return { band: "fallback", top: null, suggestions: [] };
  // Two intents close together ("chào bạn": greeting or goodbye) are harmless: an intent only has to
  // be clearly ahead of the entries.
  const runnerUp = top.kind === "intent" ? ranked.find((c) => c.kind === "entry") : ranked[1];
  const lead = runnerUp ? top.score - runnerUp.score : top.score;
  const answerAt = answerThresholdOf(top) ?? thresholds.answer;
  if (top.score >= answerAt && lead >= thresholds.margin) return { band: "answer", top, suggestions: [] };
  const suggestions = ranked
    .filter((c) => c.kind === "entry" && c.score >= thresholds.suggest)
    .slice(0, MAX_SUGGESTIONS);
  if (top.score >= thresholds.suggest && suggestions.length > 0) return { band: "suggest", top, suggestions };
  return { band: "fallback", top, suggestions: [] };
}
