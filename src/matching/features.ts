import { isMarked, syllable, syllables, type Syllable } from "./normalise.js";
import { ruleAt, type SynonymLookup } from "./synonyms.js";

/**
 * Turns a text into weighted retrieval features: folded syllables, folded syllable bigrams (a robust
 * stand-in for Vietnamese two-syllable words, which survive missing diacritics) and, for text typed
 * with diacritics, every syllable's exact spelling (prefixed "~"), so accent-exact candidates score
 * higher: in "ly hôn" typed with accents, "ly" is not "lý".
 */

/** Weight of each alternative of an ambiguous short form ("dk" → đăng ký | được). */
const AMBIGUOUS_WEIGHT = 0.6;
/** Weight of politeness and letter formulas. */
export const FILLER_WEIGHT = 0.25;

export interface Alternative {
  toks: Syllable[];
  weight: number;
}

/** One thing the citizen wrote: a syllable, or a phrase a synonym rule recognised, with its readings. */
export interface Position {
  alts: Alternative[];
  filler: boolean;
}

export interface Analysis {
  positions: Position[];
  /** feature → weight (the largest weight when a feature occurs more than once). */
  features: Map<string, number>;
  /** The same features as parallel arrays (cheap to scan on the hot path). */
  terms: string[];
  weights: number[];
  /** Whether the citizen typed any diacritics. */
  marked: boolean;
}

export interface AnalyseOptions {
  synonyms: SynonymLookup;
  /** Repairs an unknown folded syllable (Telex leftovers, typos); undefined when it cannot. */
  repair?: (fold: string) => string | undefined;
  /** Emit exact-spelling unigrams when the text carries diacritics. */
  accents: boolean;
  bigrams: boolean;
}

const bigramKey = (a: string, b: string): string => `${a}_${b}`;

/** Repairs unknown syllables, then applies the synonym table (longest key first). */
function toPositions(typed: Syllable[], opts: AnalyseOptions): Position[] {
  const raw = typed.map((s) => {
    const fixed = opts.repair?.(s.fold);
    return fixed === undefined ? s : syllable(fixed);
  });
  const positions: Position[] = [];
  for (let i = 0; i < raw.length; ) {
    const rule = ruleAt(opts.synonyms, raw, i);
    if (!rule) {
      positions.push({ alts: [{ toks: [raw[i] as Syllable], weight: 1 }], filler: false });
      i++;
      continue;
    }
    const said = raw.slice(i, i + rule.key.length);
    const w = rule.means.length > 1 ? AMBIGUOUS_WEIGHT : 1;
    const meanings = rule.means.map((toks) => ({ toks, weight: w }));
    if (rule.kind === "replace" || rule.kind === "unit") positions.push({ alts: meanings, filler: false });
    else if (rule.kind === "add") positions.push({ alts: [{ toks: said, weight: 1 }, ...meanings], filler: false });
    else positions.push({ alts: [{ toks: said, weight: 1 }], filler: true });
    i += rule.key.length;
  }
  return positions;
}

export function analyse(text: string, opts: AnalyseOptions): Analysis {
  const typed = syllables(text);
  const marked = typed.some(isMarked);
  const positions = toPositions(typed, opts);
  const features = new Map<string, number>();
  const put = (f: string, w: number) => {
    if ((features.get(f) ?? 0) < w) features.set(f, w);
  };
  let prev: Position | undefined;
  for (const p of positions) {
    const pf = p.filler ? FILLER_WEIGHT : 1;
    for (const a of p.alts) {
      const w = a.weight * pf;
      a.toks.forEach((t, j) => {
        put(t.fold, w);
        if (opts.accents && marked) put(t.exact, w);
        const next = a.toks[j + 1];
        if (opts.bigrams && next) put(bigramKey(t.fold, next.fold), w);
      });
      if (opts.bigrams && prev) {
        const first = a.toks[0];
        const prevWeight = prev.filler ? FILLER_WEIGHT : 1;
        for (const b of prev.alts) {
          const last = b.toks[b.toks.length - 1];
          if (first && last) put(bigramKey(last.fold, first.fold), w * b.weight * prevWeight);
        }
      }
    }
    prev = p;
  }
  return { positions, features, terms: [...features.keys()], weights: [...features.values()], marked };
}
