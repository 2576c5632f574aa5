/**
 * Vietnamese text normalisation: one canonical spelling per syllable, and its folded (unaccented) twin.
 * NFC first, then lower case, then one tone-placement convention ("hoà", "thuý": the new style), so that
 * composed/decomposed input and old/new tone placement compare equal.
 */

const TONE = "[\\u0300\\u0301\\u0303\\u0309\\u0323]"; // huyền, sắc, ngã, hỏi, nặng
/** òa, óe (no final consonant) → oà, oé. */
const OA_OE = new RegExp(`^(.*?o)(${TONE})([ae])$`, "u");
/** úy → uý, except after q ("quý" keeps its mark on y already). */
const UY = new RegExp(`^((?:.*[^q])?u)(${TONE})(y)$`, "u");
const COMBINING = /[\u0300-\u036f]/g;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const NUMBER_UNIT = /^(\d+)(\p{L}{1,3})$/u;
const URL = /\b(?:https?:\/\/|www\.)\S+/giu;

/** Moves the tone mark of an open oa/oe/uy syllable to the second vowel (the "new" convention). */
export function canonicalTone(syllable: string): string {
  const d = syllable.normalize("NFD");
  const m = OA_OE.exec(d) ?? UY.exec(d);
  return (m ? `${m[1]}${m[3]}${m[2]}` : d).normalize("NFC");
}

/** Removes every diacritic, including the stroke of đ (which has no canonical decomposition). */
export function fold(text: string): string {
  return text.normalize("NFD").replace(COMBINING, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** One syllable in its canonical accented form and its folded form. */
export interface Syllable {
  /** NFC, lower case, canonical tone placement. */
  acc: string;
  /** Without diacritics, đ → d. */
  fold: string;
  /** The exact-spelling feature key ("~" + acc). */
  exact: string;
}

/** Syllables already normalised: Vietnamese has a few thousand, so this stays small (and is capped). */
const memo = new Map<string, Syllable>();
const MEMO_LIMIT = 50_000;

/** One syllable (lower case, NFC) in its canonical forms. */
export function syllable(word: string): Syllable {
  let s = memo.get(word);
  if (!s) {
    const acc = canonicalTone(word);
    s = { acc, fold: fold(acc), exact: `~${acc}` };
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, s);
  }
  return s;
}

/** NFC, lower case, URLs, punctuation and emoji removed; returns the syllables in order. */
export function syllables(text: string): Syllable[] {
  let clean = text.normalize("NFC").toLowerCase();
  if (clean.includes("http") || clean.includes("www.")) clean = clean.replace(URL, " ");
  const out: Syllable[] = [];
  for (const m of clean.matchAll(WORD)) {
    // "10t", "3tr", "2h": a number glued to its unit is two syllables.
    const parts = /\d/.test(m[0]) ? NUMBER_UNIT.exec(m[0]) : null;
    if (parts) out.push(syllable(parts[1] as string), syllable(parts[2] as string));
    else out.push(syllable(m[0]));
  }
  return out;
}

/** The canonical normalised text: syllables joined by single spaces (accents kept). */
export function normaliseText(text: string): string {
  return syllables(text)
    .map((s) => s.acc)
    .join(" ");
}

/** True when the syllable carries any Vietnamese diacritic (tone mark, circumflex, breve, horn or đ). */
export function isMarked(s: Syllable): boolean {
  return s.acc !== s.fold;
}
