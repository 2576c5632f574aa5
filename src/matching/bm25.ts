/**
 * A compact BM25 inverted index. Each posting stores its precomputed impact
 * (idf × saturated, length-normalised term frequency), so a query costs one multiply-add per posting
 * of its own terms: the cost follows the query's postings, not the size of the knowledge base.
 */

export interface Bm25Options {
  k1: number;
  b: number;
}

interface Postings {
  docs: Int32Array;
  impacts: Float32Array;
}

export class Bm25Index {
  private readonly postings = new Map<string, Postings>();
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private best1 = new Float64Array(0);
  private best2 = new Float64Array(0);
  private hitGroups = new Int32Array(0);
  readonly docCount: number;

  /** @param docs one map per document: feature → term frequency. */
  constructor(docs: ReadonlyArray<ReadonlyMap<string, number>>, opts: Bm25Options = { k1: 1.2, b: 0.75 }) {
    this.docCount = docs.length;
    this.scores = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);
    // Length normalisation counts the folded features only: a question written with diacritics
    // carries extra exact-spelling features and must not look longer than the same one without.
    const lengths = docs.map((d) => {
      let n = 0;
      for (const [f, tf] of d) if (!f.startsWith("~")) n += tf;
      return n;
    });
    const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, docs.length);
    const lists = new Map<string, { docs: number[]; tfs: number[] }>();
    docs.forEach((d, i) => {
      for (const [f, tf] of d) {
        let l = lists.get(f);
        if (!l) lists.set(f, (l = { docs: [], tfs: [] }));
        l.docs.push(i);
        l.tfs.push(tf);
      }
    });
    const { k1, b } = opts;
    for (const [f, l] of lists) {
      const idf = Math.log(1 + (docs.length - l.docs.length + 0.5) / (l.docs.length + 0.5));
      const impacts = new Float32Array(l.docs.length);
      l.docs.forEach((doc, j) => {
        const tf = l.tfs[j] as number;
        const norm = k1 * (1 - b + (b * (lengths[doc] as number)) / avg);
        impacts[j] = (idf * tf * (k1 + 1)) / (tf + norm);
      });
      this.postings.set(f, { docs: Int32Array.from(l.docs), impacts });
    }
  }

  /**
   * Scores every document sharing a feature with the query, then reduces the scores per group (a group
   * is the entry or intent a document belongs to) to best + 0.2 × second best, and returns the k best
   * groups, best first. Not re-entrant (buffers are shared); matching is synchronous, so that is fine.
   */
  searchGroups(terms: readonly string[], weights: readonly number[], group: Int32Array, groupCount: number, k: number): GroupHit[] {
    const { scores, touched } = this;
    if (this.best1.length !== groupCount) {
      this.best1 = new Float64Array(groupCount);
      this.best2 = new Float64Array(groupCount);
      this.hitGroups = new Int32Array(groupCount);
    }
    const { best1, best2, hitGroups } = this;
    let n = 0;
    for (let ti = 0; ti < terms.length; ti++) {
      const p = this.postings.get(terms[ti] as string);
      if (!p) continue;
      const w = weights[ti] as number;
      const { docs, impacts } = p;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j] as number;
        const before = scores[d] as number;
        if (before === 0) touched[n++] = d;
        scores[d] = before + w * (impacts[j] as number);
      }
    }
    let g = 0;
    for (let j = 0; j < n; j++) {
      const d = touched[j] as number;
      const sc = scores[d] as number;
      scores[d] = 0;
      const t = group[d] as number;
      const b1 = best1[t] as number;
      if (b1 === 0) hitGroups[g++] = t;
      if (sc > b1) {
        best2[t] = b1;
        best1[t] = sc;
      } else if (sc > (best2[t] as number)) best2[t] = sc;
    }
    const top: GroupHit[] = [];
    for (let j = 0; j < g; j++) {
      const t = hitGroups[j] as number;
      const score = (best1[t] as number) + 0.2 * (best2[t] as number);
      best1[t] = 0;
      best2[t] = 0;
      if (top.length === k && score <= (top[k - 1] as GroupHit).score) continue;
      let i = top.length < k ? top.length : k - 1;
      while (i > 0 && (top[i - 1] as GroupHit).score < score) {
        top[i] = top[i - 1] as GroupHit;
        i--;
      }
      top[i] = { group: t, score };
    }
    return top;
  }
}

export interface GroupHit {
  group: number;
  score: number;
}
