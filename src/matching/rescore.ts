import Fuse from "fuse.js";
import { accentKey, FILLER_WEIGHT, type Analysis } from "./features.js";
import { isMarked } from "./normalise.js";

/**
 * Second stage: a calibrated 0..1 confidence for each of the few retrieved candidates, from signals
 * that are absolute (unlike BM25, whose scale depends on the query):
 * - coverage: how much of what the citizen wrote (weighted by informativeness) the candidate knows,
 *   per syllable and per bigram; out-of-scope questions leave most of their informative words uncovered;
 * - closeness: weighted Dice similarity with the candidate's closest example question;
 * - fuzzy: fuse.js Bitap of the question's most informative syllables (≤ 32 characters, the Bitap
 *   limit) against the candidate's closest texts, which forgives typos repair could not fix;
 * - retrieval: BM25 relative to the best candidate;
 * - accents: when the citizen typed diacritics, the share of accented syllables the candidate spells the
 *   same way (so "khai tử" prefers the entry that says "tử").
 */

export interface Weights {
  coverage: number;
  bigramCoverage: number;
  closeness: number;
  fuzzy: number;
  retrieval: number;
  accentPenalty: number;
  /** Share of the score that depends on bigram coverage (word pairs, not just syllables, must be known). */
  pairGate: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  coverage: 0.35,
  bigramCoverage: 0.1,
  closeness: 0.2,
  fuzzy: 0.1,
  retrieval: 0.3,
  accentPenalty: 0.1,
  pairGate: 0.5,
};

export interface TargetView {
  /** Folded syllables, folded bigrams and accented syllables ("~…") of the title, questions, keywords. */
  vocab: ReadonlySet<string>;
  docs: readonly number[];
}

export interface DocView {
  features: ReadonlyMap<string, number>;
  /** Σ idf over the doc's folded features (the Dice denominator part). */
  mass: number;
  /** Folded text after synonym expansion, for fuse.js. */
  text: string;
}

export interface Signals {
  /** Idf mass of the citizen's words the candidate knows (absolute evidence, not a share). */
  evidence: number;
  coverage: number;
  bigramCoverage: number;
  closeness: number;
  fuzzy: number;
  accents: number;
}

const FUSE_OPTIONS = { ignoreLocation: true, threshold: 0.5, isCaseSensitive: true } as const;
const BITAP_LIMIT = 32;

export class Rescorer {
  readonly pattern: string;
  private readonly queryMass: number;
  /** Folded query features → weight × idf, the weights scaled so the strongest is 1. */
  private readonly mass = new Map<string, number>();

  constructor(private readonly q: Analysis, private readonly idf: (f: string) => number) {
    let top = 0;
    for (const [f, w] of q.features) if (!f.startsWith("~")) top = Math.max(top, w);
    let total = 0;
    for (const [f, w] of q.features) {
      if (f.startsWith("~")) continue;
      const v = (w / top) * idf(f);
      this.mass.set(f, v);
      total += v;
    }
    this.queryMass = total;
    this.pattern = informativePattern(q, idf);
  }

  signals(t: TargetView, docs: readonly DocView[]): Signals {
    const { q, idf } = this;
    let total = 0;
    let covered = 0;
    let accTotal = 0;
    let accHit = 0;
    for (const p of q.positions) {
      let importance = 0;
      let best = 0;
      for (const a of p.alts) {
        let sum = 0;
        let hit = 0;
        for (const tok of a.toks) {
          const v = idf(tok.fold);
          sum += v;
          if (t.vocab.has(tok.fold)) hit += v;
          if (q.marked && isMarked(tok)) {
            accTotal += v * a.weight;
            if (t.vocab.has(accentKey(tok.acc))) accHit += v * a.weight;
          }
        }
        if (sum === 0) continue;
        importance = Math.max(importance, (a.weight * sum) / a.toks.length);
        best = Math.max(best, hit / sum);
      }
      const w = importance * (p.filler ? FILLER_WEIGHT : 1);
      total += w;
      covered += w * best;
    }
    let biTotal = 0;
    let biHit = 0;
    for (const [f, v] of this.mass) {
      if (!f.includes("_")) continue;
      biTotal += v;
      if (t.vocab.has(f)) biHit += v;
    }
    let best = 0;
    let bestDoc: DocView | undefined;
    let second: DocView | undefined;
    let secondSim = -1;
    for (const d of docs) {
      const sim = this.dice(d);
      if (sim > best || !bestDoc) {
        second = bestDoc;
        secondSim = best;
        best = sim;
        bestDoc = d;
      } else if (sim > secondSim) {
        second = d;
        secondSim = sim;
      }
    }
    this.closest = [bestDoc, second].filter((d): d is DocView => d !== undefined);
    return {
      evidence: covered,
      coverage: total > 0 ? covered / total : 0,
      bigramCoverage: biTotal > 0 ? biHit / biTotal : total > 0 ? covered / total : 0,
      closeness: best,
      fuzzy: 0,
      accents: accTotal > 0 ? accHit / accTotal : 1,
    };
  }

  /** The candidate's closest texts found by the last signals() call. */
  closest: DocView[] = [];

  /** fuse.js Bitap of the informative pattern against the given texts: 1 = exact, 0 = no match. */
  fuzzy(docs: readonly DocView[]): number {
    let fuzzy = 0;
    if (this.pattern.length === 0) return 0;
    for (const d of docs) {
      const r = Fuse.match(this.pattern, d.text, FUSE_OPTIONS);
      if (r.isMatch) fuzzy = Math.max(fuzzy, 1 - r.score);
    }
    return fuzzy;
  }

  private dice(d: DocView): number {
    let shared = 0;
    for (const [f, v] of this.mass) if (d.features.has(f)) shared += v;
    const denom = this.queryMass + d.mass;
    return denom > 0 ? (2 * shared) / denom : 0;
  }
}

export function combine(s: Signals, retrieval: number, w: Weights): number {
  const raw =
    w.coverage * s.coverage +
    w.bigramCoverage * s.bigramCoverage +
    w.closeness * s.closeness +
    w.fuzzy * s.fuzzy +
    w.retrieval * retrieval -
    w.accentPenalty * (1 - s.accents);
  const gated = raw * (1 - w.pairGate + w.pairGate * s.bigramCoverage);
  return Math.min(1, Math.max(0, gated));
}

/** The most informative folded syllables of the question, in their order, within the Bitap limit. */
function informativePattern(q: Analysis, idf: (f: string) => number): string {
  const toks: { text: string; order: number; idf: number }[] = [];
  let order = 0;
  for (const p of q.positions) {
    if (p.filler) continue;
    const a = p.alts[0];
    if (!a) continue;
    const text = a.toks.map((t) => t.fold).join(" ");
    toks.push({ text, order: order++, idf: Math.max(...a.toks.map((t) => idf(t.fold))) });
  }
  const chosen: typeof toks = [];
  let len = -1;
  for (const t of [...toks].sort((a, b) => b.idf - a.idf)) {
    if (len + 1 + t.text.length > BITAP_LIMIT) continue;
    chosen.push(t);
    len += 1 + t.text.length;
  }
  return chosen
    .sort((a, b) => a.order - b.order)
    .map((t) => t.text)
    .join(" ");
}
