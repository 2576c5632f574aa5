/**
 * The matching engine: Vietnamese as citizens type it → ranked candidates → answer / suggest / fallback.
 * Pure: no file, network or environment access; the caller loads knowledge, intents and synonyms.
 */
import type { Thresholds } from "./bands.js";

export { createMatcher, DEFAULT_ENGINE_OPTIONS } from "./engine.js";
export type { EngineOptions, Matcher, MatcherEntry, MatcherInput, MatcherIntent } from "./engine.js";
export { decideBand, MAX_SUGGESTIONS } from "./bands.js";
export type { Band, Candidate, MatchResult, Thresholds } from "./bands.js";
export { parseSynonyms, synonymFileSchema } from "./synonyms.js";
export type { SynonymTable } from "./synonyms.js";
export { canonicalTone, fold, normaliseText, syllables } from "./normalise.js";

/** Chosen on the labelled evaluation set (see `npm run eval`). */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.45, suggest: 0.25, margin: 0.12 };
