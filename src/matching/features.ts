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
  /** Weight of the sentence it stands in (1, or less for the context around the question of a letter). */
  focus: number;
  /** Index of its sentence (no bigram spans two sentences). */
  sentence: number;
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
function toPositions(typed: Syllable[], opts: AnalyseOptions, sentence: number): Position[] {
  const raw = typed.map((s) => {
    const fixed = opts.repair?.(s.fold);
    return fixed === undefined ? s : syllable(fixed);
  });
  const positions: Position[] = [];
  for (let i = 0; i < raw.length; ) {
    const rule = ruleAt(opts.synonyms, raw, i);
    if (!rule) {
      positions.push({ alts: [{ toks: [raw[i] as Syllable], weight: 1 }], filler: false, focus: 1, sentence });
      i++;
      continue;
    }
    const said = raw.slice(i, i + rule.key.length);
    const w = rule.means.length > 1 ? AMBIGUOUS_WEIGHT : 1;
    const meanings = rule.means.map((toks) => ({ toks, weight: w }));
    const at = { focus: 1, sentence };
    if (rule.kind === "replace" || rule.kind === "unit") positions.push({ alts: meanings, filler: false, ...at });
    else if (rule.kind === "add") positions.push({ alts: [{ toks: said, weight: 1 }, ...meanings], filler: false, ...at });
    else positions.push({ alts: [{ toks: said, weight: 1 }], filler: true, ...at });
    i += rule.key.length;
  }
  return positions;
}

export function analyse(text: string, opts: AnalyseOptions): Analysis {
  const parts = splitSentences(text).map((s) => ({ ...s, typed: syllables(s.text) })).filter((s) => s.typed.length > 0);
  const marked = parts.some((s) => s.typed.some(isMarked));
  const sentences = parts.map((s, i) => ({ question: s.question, positions: toPositions(s.typed, opts, i) }));
  focus(sentences);
  const positions = sentences.flatMap((s) => s.positions);
  const features = new Map<string, number>();
  const put = (f: string, w: number) => {
    if ((features.get(f) ?? 0) < w) features.set(f, w);
  };
  let prev: Position | undefined;
  for (const p of positions) {
    if (prev && prev.sentence !== p.sentence) prev = undefined;
    const pf = (p.filler ? FILLER_WEIGHT : 1) * p.focus;
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

/** Weight of a context sentence (story, place, family) when the letter has a question sentence. */
export const CONTEXT_WEIGHT = 0.35;
/** Weight of a sentence made only of greetings and thanks, when something else was written. */
const POLITENESS_WEIGHT = 0.02;

/**
 * Sentences of a message: split after . ! ? ; … followed by a space (so "TP.HCM", "1.004194" and
 * "dichvucong.gov.vn" stay whole), after every "?", and at line breaks.
 */
export function splitSentences(text: string): { text: string; question: boolean }[] {
  return text
    .split(/(?<=[.!;…])\s+|(?<=\?)|\n+/u)
    .map((t) => ({ text: t, question: t.includes("?") || hasQuestionWords(syllables(t)) }));
}

/** Folded question words and phrases (gì, nào, sao, đâu, bao nhiêu, được không …). */
const QUESTION_WORDS = new Set(["gi", "j", "nao", "sao", "bao nhieu", "bao lau", "the nao", "ra sao", "duoc khong", "hay khong", "khi nao", "co phai", "o dau", "nhu nao", "ntn", "bn", "may"]);
/** Particles that may follow the final question word ("được không ạ", "chưa vậy"). */
const TRAILING = new Set(["a", "vay", "nhi", "nhe", "ha", "ah", "z", "nha", "the", "ban", "em"]);
const FINAL = new Set(["khong", "ko", "k", "chua", "hong", "khum", "kg"]);

function hasQuestionWords(s: Syllable[]): boolean {
  const f = s.map((x) => x.fold);
  for (let i = 0; i < f.length; i++) {
    if (QUESTION_WORDS.has(f[i] as string) || QUESTION_WORDS.has(`${f[i]} ${f[i + 1]}`)) return true;
    const dau = s[i] as Syllable;
    if (f[i] === "dau" && (dau.acc === "đâu" || (!isMarked(dau) && f[i - 1] !== "lan" && f[i - 1] !== "ban"))) return true;
  }
  let end = f.length - 1;
  while (end > 0 && TRAILING.has(f[end] as string)) end--;
  return FINAL.has(f[end] as string);
}

/**
 * Sentence focus for letters: the question sentence(s) keep full weight, the context around them counts
 * less, and sentences of pure politeness ("Xin chào luật sư", "Em cảm ơn ạ") almost nothing. A message
 * of one sentence, or without any question sentence, is read evenly.
 */
function focus(sentences: { question: boolean; positions: Position[] }[]): void {
  const polite = (s: { positions: Position[] }) => s.positions.every((p) => p.filler);
  const contentful = sentences.filter((s) => !polite(s));
  if (contentful.length === 0) return;
  const anyQuestion = contentful.some((s) => s.question);
  for (const s of sentences) {
    const w = polite(s) ? POLITENESS_WEIGHT : anyQuestion && !s.question ? CONTEXT_WEIGHT : 1;
    for (const p of s.positions) p.focus = w;
  }
}
