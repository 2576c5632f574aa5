/**
 * The matching engine: Vietnamese as citizens type it → ranked candidates → answer / suggest / fallback.
 * Pure: no file, network or environment access; the caller loads knowledge, intents and synonyms.
 */
import type { Thresholds } from "./bands.js";
import { MODEL } from "./calibration-model.js";

export { createMatcher, DEFAULT_ENGINE_OPTIONS, INTENT_COVERAGE, OUT_OF_SCOPE_SHARE } from "./engine.js";
export type { EngineMatcher, EngineOptions, ExplainedCandidate, Matcher, MatcherEntry, MatcherInput, MatcherIntent, QueryInspection } from "./engine.js";
export { decideBand, MAX_ALTERNATIVES, MAX_SUGGESTIONS } from "./bands.js";
export type { Band, BandInput, Candidate, MatchReason, MatchResult, Thresholds } from "./bands.js";
export { calibrated, calibrationFeatures, FEATURE_NAMES, predict } from "./calibration.js";
export type { LogisticModel } from "./calibration.js";
export { emptySynonyms, parseSynonyms, synonymFileSchema } from "./synonyms.js";
export type { SynonymTable } from "./synonyms.js";
export { canonicalTone, fold, normaliseText, syllables } from "./normalise.js";

/**
 * Fitted with the calibration (src/cli/fit-calibration.ts) from target error rates on the labelled set
 * and the real set's dev part: `answer` is the probability the top entry is right needed to answer
 * directly, `suggest` the probability that the right entry is among three needed to offer choices,
 * `margin` how close a sibling entry's score must be to be offered next to an answer. Override with
 * MATCH_ANSWER_THRESHOLD / MATCH_SUGGEST_THRESHOLD / MATCH_MARGIN.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { ...MODEL.thresholds };
