/**
 * The matching engine: Vietnamese as citizens type it → ranked candidates → answer / suggest / fallback.
 * Pure: no file, network or environment access; the caller loads knowledge, intents and synonyms.
 */
import type { Thresholds } from "./bands.js";

export { createMatcher, DEFAULT_ENGINE_OPTIONS } from "./engine.js";
export type { EngineMatcher, EngineOptions, ExplainedCandidate, Matcher, MatcherEntry, MatcherInput, MatcherIntent } from "./engine.js";
export { decideBand, MAX_SUGGESTIONS } from "./bands.js";
export type { Band, Candidate, MatchResult, Thresholds } from "./bands.js";
export { parseSynonyms, synonymFileSchema } from "./synonyms.js";
export type { SynonymTable } from "./synonyms.js";
export { canonicalTone, fold, normaliseText, syllables } from "./normalise.js";

/**
 * Chosen on the labelled evaluation set (`npm run eval -- --sweep` shows the trade-off): the highest
 * direct-answer rate that keeps wrong answers at or under 1.5% in every form (accented, unaccented,
 * chat) and out-of-scope questions answered with an entry under 5%. The margin matters more than the
 * answer threshold: near-identical entries (cấp đổi / cấp lại, mức 1 / mức 2) must be told apart by
 * the citizen, not guessed. Override with MATCH_ANSWER_THRESHOLD / MATCH_SUGGEST_THRESHOLD / MATCH_MARGIN.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.6, suggest: 0.35, margin: 0.1 };
