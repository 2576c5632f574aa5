/**
 * From ranked candidates to what the assistant does: answer, suggest, or fall back.
 *
 * The confidence is a probability: the chance that the top entry is the right one, given by a logistic
 * regression over the features of calibration.ts (fitted offline on the labelled set and the dev part
 * of the real set; `npx tsx src/cli/fit-calibration.ts`). A second one gives the chance that the right
 * entry is among the first three. The thresholds follow from target error rates on dev, not guesses:
 * - answer when the confidence ≥ `answer` (or the entry's own answer_threshold), chosen so that wrong
 *   answers stay ≤ 2% of in-scope dev questions in every form;
 * - otherwise suggest the first three entries when the top-3 probability ≥ `suggest`;
 * - otherwise fall back.
 * An answer whose runner-up is a sibling (same topic) within `margin` of its score carries that sibling
 * (at most two) as alternatives: band "answer", top = the answer, suggestions = the siblings, offered as
 * "Có phải anh/chị hỏi: …". Intents and explicit out-of-scope subjects are decided before (engine.ts).
 */

export interface Thresholds {
  /** Minimum confidence (probability the top entry is right) to answer directly. */
  answer: number;
  /** Minimum probability that the right entry is among the first three, to offer them as choices. */
  suggest: number;
  /** A sibling entry (same topic) this close to the answer's score is offered next to it. */
  margin: number;
}

export interface Candidate {
  id: string;
  kind: "entry" | "intent";
  topic: string | null;
  title: string;
  /** Rescoring score, 0..1 (ranks candidates; not a probability: see MatchResult.confidence). */
  score: number;
}

export type Band = "answer" | "suggest" | "fallback";

/**
 * Why the band was chosen:
 * - "intent": the message is mostly a conversational intent's words (ask-human, greeting, thanks …);
 *   band answer, top.kind "intent".
 * - "confident": answered with an entry, no close sibling.
 * - "sibling": answered with an entry; suggestions hold its close sibling(s) (same topic, max 2).
 * - "ambiguous": suggest: several entries could be meant.
 * - "not_about": suggest: the question names a phrase the top entry is explicitly not about.
 * - "out_of_scope": fallback: the question is about a subject the assistant does not cover
 *   (Facebook, banking apps, shopping …); outOfScopeSubject names it for an honest reply. With reason
 *   "not_about", outOfScopeSubject names a public matter no entry covers that the message mentions.
 * - "low_confidence": fallback: nothing matches well enough.
 * - "no_match": fallback: nothing the knowledge base knows was recognised.
 */
export type MatchReason = "intent" | "confident" | "sibling" | "ambiguous" | "not_about" | "out_of_scope" | "low_confidence" | "no_match";

export interface MatchResult {
  band: Band;
  top: Candidate | null;
  /** Band suggest: the choices (max 3). Band answer: the close sibling(s) to offer next to it (max 2). */
  suggestions: Candidate[];
  /** Probability that `top` is the right entry (for an intent: how much of the message it explains). */
  confidence: number;
  reason?: MatchReason;
  /** With reason "out_of_scope": the subject recognised, as staff wrote it ("Facebook"). */
  outOfScopeSubject?: string;
}

export const MAX_SUGGESTIONS = 3;
export const MAX_ALTERNATIVES = 2;

export interface BandInput {
  /** Entry candidates, best first. */
  ranked: readonly Candidate[];
  /** Probability that ranked[0] is right. */
  confidence: number;
  /** Probability that the right entry is among ranked[0..2]. */
  top3: number;
  /** The top entry's own answer threshold, if it sets one (Infinity: never answer it directly). */
  answerAt?: number;
  notAbout?: boolean;
}

export function decideBand(input: BandInput, t: Thresholds): MatchResult {
  const { ranked, confidence } = input;
  const top = ranked[0] ?? null;
  if (!top) return { band: "fallback", top: null, suggestions: [], confidence: 0, reason: "no_match" };
  const answerAt = input.notAbout ? Number.POSITIVE_INFINITY : (input.answerAt ?? t.answer);
  if (confidence >= answerAt) {
    const siblings = ranked
      .slice(1, 1 + MAX_SUGGESTIONS)
      .filter((c) => c.topic === top.topic && top.score - c.score <= t.margin)
      .slice(0, MAX_ALTERNATIVES);
    return { band: "answer", top, suggestions: siblings, confidence, reason: siblings.length > 0 ? "sibling" : "confident" };
  }
  if (input.top3 >= t.suggest || input.notAbout) {
    return {
      band: "suggest",
      top,
      suggestions: ranked.slice(0, MAX_SUGGESTIONS),
      confidence,
      reason: input.notAbout ? "not_about" : "ambiguous",
    };
  }
  return { band: "fallback", top, suggestions: [], confidence, reason: "low_confidence" };
}
