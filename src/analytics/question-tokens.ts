import { syllables, type SynonymTable } from "../matching/index.js";
import { compileSynonyms, ruleAt, type SynonymLookup } from "../matching/synonyms.js";
import type { Syllable } from "../matching/normalise.js";

/** Particles and pronouns that say nothing about what is asked (folded). */
const FUNCTION_WORDS = new Set(["a", "ah", "nhe", "nha", "oi", "vay", "the", "thi", "la", "em", "toi", "minh", "anh", "chi", "con", "chau", "co", "khong", "ko", "k", "duoc", "voi", "cho", "hoi", "ban", "ad", "admin"]);

/**
 * Builds the tokens function for groupQuestions from the knowledge base's synonym table: the same
 * normalisation as the matching engine (canonical tones, then folded, so "lam cccd o dau" and
 * "làm căn cước ở đâu" compare equal), abbreviations and alternative names replaced by their canonical
 * term, politeness formulas and particles dropped.
 */
export function questionTokens(table: SynonymTable): (text: string) => string[] {
  const lookup = compileSynonyms(table);
  return (text) => {
    const canonical = canonicalise(lookup, canonicalise(lookup, syllables(text)));
    const words = canonical.map((s) => s.fold).filter((w) => !FUNCTION_WORDS.has(w));
    return [...new Set(words)];
  };
}

/** One pass of the synonym rules: replace and add rules give their first meaning, fillers vanish. */
function canonicalise(lookup: SynonymLookup, text: Syllable[]): Syllable[] {
  const out: Syllable[] = [];
  for (let i = 0; i < text.length; ) {
    const rule = ruleAt(lookup, text, i);
    if (!rule) {
      out.push(text[i] as Syllable);
      i += 1;
      continue;
    }
    if (rule.kind !== "filler") out.push(...(rule.means[0] ?? []));
    i += rule.key.length;
  }
  return out;
}
