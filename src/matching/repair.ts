/**
 * Repairs syllables the knowledge base has never seen: Telex/VNI keystroke leftovers ("thur tujc",
 * "cuwowcs", "ddawng kys", "thu3 tu5c") and one-character typos in syllables of four letters or more
 * ("sihn", "thuogn"). Only unknown syllables are touched, and only towards a known one, so correct text
 * is never changed.
 */

const VOWEL = /[aeiouy]/;

/** Decodings of a syllable typed with Telex or VNI keys while the keyboard was off (folded space). */
export function imeDecodings(s: string): string[] {
  const out: string[] = [];
  if (/\d/.test(s) && /[a-z]/.test(s)) {
    out.push(s.replace(/d9/g, "d").replace(/[1-9]/g, ""));
  }
  let t = s.replace(/^dd/, "d").replace(/(?<=[aou])w/g, "").replace(/w/g, "u").replace(/([aeo])\1/g, "$1");
  out.push(t);
  // A tone key (s f r x j) after the first vowel, at the end or before the final consonant(s).
  for (let i = t.length - 1; i > 0; i--) {
    const c = t[i] as string;
    if ("sfrxj".includes(c) && VOWEL.test(t.slice(0, i))) {
      out.push(t.slice(0, i) + t.slice(i + 1));
      t = t.slice(0, i) + t.slice(i + 1);
      break;
    }
  }
  return out.filter((x) => x !== s && x.length > 0);
}

/** All strings obtained by deleting one character. */
function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance, stopping early above 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class SyllableRepair {
  private readonly deletes = new Map<string, string[]>();

  /** @param frequency how many entries use each known folded syllable (ties go to the commoner one). */
  constructor(private readonly frequency: Map<string, number>, private readonly known: (s: string) => boolean) {
    for (const word of frequency.keys()) {
      if (word.length < 3 || /\d/.test(word)) continue;
      for (const d of [word, ...deletions(word)]) {
        const list = this.deletes.get(d);
        if (list) list.push(word);
        else this.deletes.set(d, [word]);
      }
    }
  }

  /** The known syllable an unknown folded syllable most likely stands for, or undefined. */
  repair(s: string): string | undefined {
    if (this.known(s)) return undefined;
    for (const d of imeDecodings(s)) if (this.known(d)) return d;
    // Three-letter syllables are nearly all real words: one edit away usually means another word.
    if (s.length < 4 || /\d/.test(s)) return undefined;
    let best: string | undefined;
    let bestFreq = 0;
    for (const d of [s, ...deletions(s)]) {
      for (const w of this.deletes.get(d) ?? []) {
        if (!withinOneEdit(s, w)) continue;
        const f = this.frequency.get(w) ?? 0;
        if (f > bestFreq) {
          best = w;
          bestFreq = f;
        }
      }
    }
    return best;
  }
}
