import Fuse from "fuse.js";
import { FILLER_WEIGHT, type Analysis } from "./features.js";

/**
 * Second stage: one 0..1 confidence for each of the few retrieved candidates, a weighted sum of signals
 * that are absolute (unlike BM25, whose scale depends on the query); weights and thresholds are set on
 * the labelled evaluation set (`npm run eval -- --sweep`):
 * - coverage: how much of what the citizen wrote (weighted by informativeness) the candidate knows,
 *   per syllable and per bigram; out-of-scope questions leave their informative words uncovered, and
 *   a word the knowledge base has never seen weighs more than any known one;
 * - closeness: weighted Dice similarity with the candidate's closest example question; containment:
 *   the largest share of one example question the citizen's words contain (a long letter contains a
 *   short question);
 * - fuzzy: fuse.js Bitap of the question's most informative syllables (≤ 32 characters, the Bitap
 *   limit) against the candidate's two closest texts, which forgives what typo repair could not fix;
 * - retrieval: BM25 relative to the best candidate;
 * - accents: when the citizen typed diacritics, the share of the words matched without them that the
 *   candidate also spells exactly the same (so "khai tử" prefers the entry that says "tử");
 * - pair gate: part of the score is scaled by bigram coverage, so known syllables in an unknown
 *   combination ("ăn cơm chưa", "máy bay") do not pass for understanding.
 */

export interface Weights {
  coverage: number;
  bigramCoverage: number;
  closeness: number;
  containment: number;
  fuzzy: number;
  retrieval: number;
  accentPenalty: number;
  /** Share of the score that depends on bigram coverage (word pairs, not just syllables, must be known). */
  pairGate: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  coverage: 0.35,
  bigramCoverage: 0.1,
  closeness: 0.1,
  containment: 0.2,
  fuzzy: 0.1,
  retrieval: 0.3,
  accentPenalty: 0.1,
  pairGate: 0.3,
};

export interface TargetView {
  /** Folded syllables, folded bigrams and accented syllables ("~…") of the title, questions, keywords. */
  vocab: ReadonlySet<string>;
  docs: readonly number[];
}

export interface DocView {
  /** Ids of the doc's folded features (syllables and bigrams). */
  ids: Int32Array;
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
  /** Share of the closest example question (by idf mass) that the citizen's words contain. */
  containment: number;
  fuzzy: number;
  accents: number;
}

const FUSE_OPTIONS = { ignoreLocation: true, threshold: 0.5, isCaseSensitive: true } as const;
const BITAP_LIMIT = 32;

export class Rescorer {
  readonly pattern: string;
  private readonly queryMass: number;
  /** Folded bigram features of the query and their weight × idf (the strongest weight scaled to 1). */
  private readonly bigrams: string[] = [];
  private readonly bigramMass: number[] = [];
  private readonly used: number[] = [];

  /**
   * @param byId scratch buffer indexed by feature id (all zeros on entry; release() zeroes it again).
   */
  constructor(
    private readonly q: Analysis,
    private readonly idf: (f: string) => number,
    private readonly idOf: (f: string) => number | undefined,
    private readonly byId: Float64Array,
  ) {
    let top = 0;
    q.terms.forEach((f, i) => {
      if (!f.startsWith("~")) top = Math.max(top, q.weights[i] as number);
    });
    let total = 0;
    for (let i = 0; i < q.terms.length; i++) {
      const f = q.terms[i] as string;
      if (f.startsWith("~")) continue;
      const v = ((q.weights[i] as number) / top) * idf(f);
      if (f.includes("_")) {
        this.bigrams.push(f);
        this.bigramMass.push(v);
      }
      total += v;
      const id = idOf(f);
      if (id !== undefined) {
        byId[id] = v;
        this.used.push(id);
      }
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
          if (t.vocab.has(tok.fold)) {
            hit += v;
            // Typed with diacritics: of the words matched without them, how many match exactly?
            if (q.marked && !p.filler) {
              accTotal += v * a.weight;
              if (t.vocab.has(tok.exact)) accHit += v * a.weight;
            }
          }
        }
        if (sum === 0) continue;
        importance = Math.max(importance, (a.weight * sum) / a.toks.length);
        best = Math.max(best, hit / sum);
      }
      const w = importance * (p.filler ? FILLER_WEIGHT : 1) * p.focus;
      total += w;
      covered += w * best;
    }
    let biTotal = 0;
    let biHit = 0;
    for (let i = 0; i < this.bigrams.length; i++) {
      const f = this.bigrams[i] as string;
      const v = this.bigramMass[i] as number;
      biTotal += v;
      if (t.vocab.has(f)) biHit += v;
    }
    let best = 0;
    let bestDoc: DocView | undefined;
    let second: DocView | undefined;
    let secondSim = -1;
    let containment = 0;
    for (const d of docs) {
      const shared = this.shared(d);
      const denom = this.queryMass + d.mass;
      const sim = denom > 0 ? (2 * shared) / denom : 0;
      if (d.mass > 0) containment = Math.max(containment, shared / d.mass);
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
      containment,
      fuzzy: 0,
      accents: accTotal > 0 ? accHit / accTotal : 1,
    };
  }

  /** The candidate's two closest texts found by the last signals() call. */
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

  /** Zeroes the scratch buffer for the next query. */
  release(): void {
    for (const id of this.used) this.byId[id] = 0;
  }

  /** Σ weight × idf of the query features the doc contains. */
  private shared(d: DocView): number {
    let shared = 0;
    const { ids } = d;
    for (let i = 0; i < ids.length; i++) shared += this.byId[ids[i] as number] as number;
    return shared;
  }
}

export function combine(s: Signals, retrieval: number, w: Weights): number {
  const raw =
    w.coverage * s.coverage +
    w.bigramCoverage * s.bigramCoverage +
    w.closeness * s.closeness +
    w.containment * s.containment +
    w.fuzzy * s.fuzzy +
    w.retrieval * retrieval -
    w.accentPenalty * (1 - s.accents);
  const gated = raw * (1 - w.pairGate + w.pairGate * s.bigramCoverage);
  // Divided by the best possible sum instead of clipped at 1: two exact hits never tie at 1.0.
  const best = w.coverage + w.bigramCoverage + w.closeness + w.containment + w.fuzzy + w.retrieval;
  return Math.max(0, best > 0 ? gated / best : 0);
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
    toks.push({ text, order: order++, idf: p.focus * Math.max(...a.toks.map((t) => idf(t.fold))) });
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
