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
  readonly docCount: number;

  /** @param docs one map per document: feature → term frequency. */
  constructor(docs: ReadonlyArray<ReadonlyMap<string, number>>, opts: Bm25Options = { k1: 1.2, b: 0.75 }) {
    this.docCount = docs.length;
    this.scores = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);
    const lengths = docs.map((d) => {
      let n = 0;
      for (const tf of d.values()) n += tf;
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

  has(feature: string): boolean {
    return this.postings.has(feature);
  }

  /**
   * Scores every document sharing a feature with the query and calls visit(doc, score) for each.
   * Not re-entrant (the score buffer is shared); matching is synchronous, so that is fine.
   */
  search(query: ReadonlyMap<string, number>, visit: (doc: number, score: number) => void): void {
    const { scores, touched } = this;
    let n = 0;
    for (const [f, w] of query) {
      const p = this.postings.get(f);
      if (!p) continue;
      const { docs, impacts } = p;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j] as number;
        if (scores[d] === 0) touched[n++] = d;
        scores[d] = (scores[d] as number) + w * (impacts[j] as number);
      }
    }
    for (let j = 0; j < n; j++) {
      const d = touched[j] as number;
      visit(d, scores[d] as number);
      scores[d] = 0;
    }
  }
}
