import { decideBand, type Candidate, type MatchResult, type Thresholds } from "./bands.js";
import { Bm25Index } from "./bm25.js";
import { analyse, type AnalyseOptions } from "./features.js";
import { SyllableRepair } from "./repair.js";
import { combine, DEFAULT_WEIGHTS, Rescorer, type DocView, type Signals, type TargetView, type Weights } from "./rescore.js";
import { syllables } from "./normalise.js";
import { compileSynonyms, type SynonymTable } from "./synonyms.js";

export interface MatcherEntry {
  id: string;
  topic: string;
  title: string;
  questions: string[];
  keywords: string[];
  answerThreshold?: number;
  /** Phrases that mean another procedure ("ly hôn" for marriage): with one in the question, never answer directly. */
  notAbout?: string[];
}

export interface MatcherIntent {
  id: string;
  questions: string[];
}

export interface MatcherInput {
  entries: MatcherEntry[];
  intents: MatcherIntent[];
  synonyms: SynonymTable;
  thresholds: Thresholds;
}

/** Switches for measuring what each stage is worth (evaluation and benchmark only). */
export interface EngineOptions {
  bigrams: boolean;
  accents: boolean;
  repair: boolean;
  synonyms: boolean;
  /** How many retrieved candidates are rescored. */
  candidates: number;
  /** Weight of a word the knowledge base has never seen, relative to the rarest known word. */
  unknownWordBoost: number;
  weights: Weights;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  bigrams: true,
  accents: true,
  repair: true,
  synonyms: true,
  candidates: 8,
  unknownWordBoost: 1.5,
  weights: DEFAULT_WEIGHTS,
};

/** What the assistant needs from the engine. */
export interface Matcher {
  match(text: string): MatchResult;
}

/** The engine with its diagnostics. */
export interface EngineMatcher extends Matcher {
  /** Every rescored candidate, best first (for diagnostics and evaluation). */
  rank(text: string): Candidate[];
  /** rank() with the signals behind each score (for staff diagnostics and tuning). */
  explain(text: string): ExplainedCandidate[];
}

export interface ExplainedCandidate extends Candidate {
  signals: Signals & { retrieval: number };
}

interface Target extends TargetView {
  candidate: Omit<Candidate, "score">;
  answerThreshold?: number;
}

export function createMatcher(input: MatcherInput, options: Partial<EngineOptions> = {}): EngineMatcher {
  const opts = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const lookup = compileSynonyms(opts.synonyms ? input.synonyms : { replace: [], add: [], filler: [], units: {} });
  const base: AnalyseOptions = { synonyms: lookup, accents: opts.accents, bigrams: opts.bigrams };

  const sources: { candidate: Target["candidate"]; answerThreshold?: number; texts: string[] }[] = [
    ...input.entries.map((e) => ({
      candidate: { id: e.id, kind: "entry" as const, topic: e.topic, title: e.title },
      answerThreshold: e.answerThreshold,
      texts: [e.title, ...e.questions, ...e.keywords],
    })),
    ...input.intents.map((i) => ({
      candidate: { id: i.id, kind: "intent" as const, topic: null, title: i.id },
      texts: i.questions,
    })),
  ];

  // Documents: every title, example question and keyword is its own short document.
  const docFeatures: Map<string, number>[] = [];
  const docTexts: string[] = [];
  const docTarget: number[] = [];
  // Known syllables (the knowledge base's own words, by how many targets use them) for typo repair.
  const frequency = new Map<string, number>();
  const targets: Target[] = sources.map((s, ti) => {
    const vocab = new Set<string>();
    const docs: number[] = [];
    const words = new Set<string>();
    for (const text of s.texts) {
      const a = analyse(text, base);
      const tf = new Map<string, number>();
      const folded: string[] = [];
      for (const p of a.positions) {
        for (const alt of p.alts) for (const t of alt.toks) words.add(t.fold);
        for (const t of p.alts[0]?.toks ?? []) folded.push(t.fold);
      }
      for (const f of a.features.keys()) {
        tf.set(f, 1);
        vocab.add(f);
      }
      docs.push(docFeatures.length);
      docFeatures.push(tf);
      docTexts.push(folded.join(" "));
      docTarget.push(ti);
    }
    for (const w of words) {
      vocab.add(w);
      frequency.set(w, (frequency.get(w) ?? 0) + 1);
    }
    return { candidate: s.candidate, answerThreshold: s.answerThreshold, vocab, docs };
  });
  const known = (f: string) => frequency.has(f) || lookup.vocabulary.has(f);
  const repairer = new SyllableRepair(frequency, known);
  const queryOptions: AnalyseOptions = opts.repair ? { ...base, repair: (f) => repairer.repair(f) } : base;

  const index = new Bm25Index(docFeatures);
  const targetDf = new Map<string, number>();
  for (const t of targets) for (const f of t.vocab) targetDf.set(f, (targetDf.get(f) ?? 0) + 1);
  const n = targets.length;
  const idfOf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const idfKnown = new Map<string, number>();
  for (const [f, df] of targetDf) idfKnown.set(f, idfOf(df));
  // A word the knowledge base has never seen usually names another subject ("Facebook", "máy bay").
  const idfUnknownWord = idfOf(0) * opts.unknownWordBoost;
  const idfUnknownPair = idfOf(0);
  const idf = (f: string) => idfKnown.get(f) ?? (f.includes("_") ? idfUnknownPair : idfUnknownWord);
  const featureIds = new Map<string, number>();
  const docViews: DocView[] = docFeatures.map((features, i) => {
    let mass = 0;
    const ids: number[] = [];
    for (const f of features.keys()) {
      if (f.startsWith("~")) continue;
      mass += idf(f);
      let id = featureIds.get(f);
      if (id === undefined) featureIds.set(f, (id = featureIds.size));
      ids.push(id);
    }
    return { ids: Int32Array.from(ids), mass, text: docTexts[i] as string };
  });
  const scratch = new Float64Array(featureIds.size);
  const viewsOf = targets.map((t) => t.docs.map((d) => docViews[d] as DocView));
  const idOf = (f: string) => featureIds.get(f);

  const docGroup = Int32Array.from(docTarget);
  // The build-time maps are large and no longer needed (the closures below would keep them alive).
  docFeatures.length = 0;
  docTexts.length = 0;
  docTarget.length = 0;

  function explain(text: string): ExplainedCandidate[] {
    const q = analyse(text, queryOptions);
    if (q.features.size === 0) return [];
    const retrieved = index
      .searchGroups(q.terms, q.weights, docGroup, targets.length, opts.candidates)
      .map((h) => ({ t: h.group, bm25: h.score }));
    const topBm25 = retrieved[0]?.bm25 ?? 0;
    if (topBm25 <= 0) return [];
    const rescorer = new Rescorer(q, idf, idOf, scratch);
    const scored = retrieved
      .map(({ t, bm25 }) => {
        const target = targets[t] as Target;
        const signals = rescorer.signals(target, viewsOf[t] as DocView[]);
        const retrieval = bm25 / topBm25;
        return { target, closest: rescorer.closest, signals: { ...signals, retrieval }, base: combine(signals, retrieval, opts.weights) };
      })
      .sort((a, b) => b.base - a.base);
    rescorer.release();
    // Bitap is the costly part: only the two leaders, whose gap decides the band, get it.
    return scored
      .map((c, i) => {
        if (i < FUZZY_CANDIDATES) c.signals.fuzzy = rescorer.fuzzy(c.closest);
        const score = round(combine(c.signals, c.signals.retrieval, opts.weights));
        return { ...c.target.candidate, score, signals: c.signals };
      })
      .sort((a, b) => b.score - a.score);
  }

  const thresholdOf = new Map(targets.map((t) => [t.candidate.id, t.answerThreshold]));
  const notAboutOf = new Map(input.entries.filter((e) => e.notAbout?.length).map((e) => [e.id, (e.notAbout ?? []).map(phraseKey)]));
  const rank = (text: string): Candidate[] => explain(text).map(({ signals: _signals, ...c }) => c);
  return {
    rank,
    explain,
    match: (text) => {
      const query = notAboutOf.size > 0 ? phraseKey(text) : "";
      const answerThreshold = (c: Candidate) =>
        notAboutOf.get(c.id)?.some((p) => query.includes(p)) ? Number.POSITIVE_INFINITY : thresholdOf.get(c.id);
      return decideBand(rank(text), input.thresholds, answerThreshold);
    },
  };
}

const FUZZY_CANDIDATES = 2;
/** Folded syllables with spaces around, so a phrase only matches whole syllables. */
const phraseKey = (text: string) => ` ${syllables(text).map((s) => s.fold).join(" ")} `;
const round = (x: number) => Math.round(x * 1000) / 1000;
