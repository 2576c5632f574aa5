import { decideBand, type Candidate, type MatchResult, type Thresholds } from "./bands.js";
import { Bm25Index } from "./bm25.js";
import { calibrated, calibrationFeatures, type QueryView } from "./calibration.js";
import { analyse, type AnalyseOptions, type Analysis } from "./features.js";
import { syllables } from "./normalise.js";
import { SyllableRepair } from "./repair.js";
import { combine, DEFAULT_WEIGHTS, Rescorer, type DocView, type Signals, type TargetView, type Weights } from "./rescore.js";
import { compileSynonyms, emptySynonyms, type SynonymTable } from "./synonyms.js";

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
  /** How many retrieved entries are rescored. */
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

type SubjectShare = { share: number; subject?: string };

/** What the assistant needs from the engine. */
export interface Matcher {
  match(text: string): MatchResult;
}

/** The engine with its diagnostics. */
export interface EngineMatcher extends Matcher {
  /** Every rescored entry, best first (for diagnostics and evaluation). */
  rank(text: string): Candidate[];
  /** rank() with the signals behind each score, intents included (for staff diagnostics and tuning). */
  explain(text: string): ExplainedCandidate[];
  /** Everything the decision is made from (the calibration script fits on it). */
  inspect(text: string): QueryInspection;
}

export interface ExplainedCandidate extends Candidate {
  signals: Signals & { retrieval: number };
}

export interface QueryInspection {
  entries: ExplainedCandidate[];
  intents: ExplainedCandidate[];
  query: QueryView;
  /** The calibration feature vector (calibration.ts FEATURE_NAMES). */
  features: number[];
  outOfScopeSubject?: string;
  /** The public matter no entry covers (`not_covered` subjects) the message names most, and its share. */
  notCovered: SubjectShare;
}

/**
 * An intent wins over every entry when it explains this much of the message (idf-weighted coverage)
 * and knows its word pairs too: "gặp cán bộ", "cảm ơn nhé", but not "cán bộ một cửa làm việc mấy giờ".
 */
export const INTENT_COVERAGE = 0.75;
const INTENT_PAIRS = 0.5;
/** An out-of-scope subject decides when it carries this share of what the citizen wrote. */
export const OUT_OF_SCOPE_SHARE = 0.45;
/**
 * A public matter no entry covers (`not_covered` subjects) keeps the message from a direct answer
 * (choices at most) with a smaller share: a long letter about a divorce that also names a birth
 * certificate is not answered with the birth-registration entry.
 */
export const OUT_OF_SCOPE_MENTION = 0.1;

interface Target extends TargetView {
  candidate: Omit<Candidate, "score">;
}

interface Side {
  targets: Target[];
  index: Bm25Index;
  group: Int32Array;
  views: DocView[][];
}

export function createMatcher(input: MatcherInput, options: Partial<EngineOptions> = {}): EngineMatcher {
  const opts = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const lookup = compileSynonyms(opts.synonyms ? input.synonyms : emptySynonyms());
  const base: AnalyseOptions = { synonyms: lookup, accents: opts.accents, bigrams: opts.bigrams };

  const sources = [
    ...input.entries.map((e) => ({
      candidate: { id: e.id, kind: "entry" as const, topic: e.topic, title: e.title },
      texts: [e.title, ...e.questions, ...e.keywords],
    })),
    ...input.intents.map((i) => ({ candidate: { id: i.id, kind: "intent" as const, topic: null, title: i.id }, texts: i.questions })),
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
    return { candidate: s.candidate, vocab, docs };
  });
  const known = (f: string) => frequency.has(f) || lookup.vocabulary.has(f);
  const repairer = new SyllableRepair(frequency, known);
  const queryOptions: AnalyseOptions = opts.repair ? { ...base, repair: (f) => repairer.repair(f) } : base;

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
  const idOf = (f: string) => featureIds.get(f);

  // Entries and intents are retrieved separately: a short intent never has to beat the entries' BM25.
  const side = (kind: Candidate["kind"]): Side => {
    const picked = targets.filter((t) => t.candidate.kind === kind);
    const docs: Map<string, number>[] = [];
    const group: number[] = [];
    picked.forEach((t, gi) =>
      t.docs.forEach((d) => {
        docs.push(docFeatures[d] as Map<string, number>);
        group.push(gi);
      }),
    );
    return { targets: picked, index: new Bm25Index(docs), group: Int32Array.from(group), views: picked.map((t) => t.docs.map((d) => docViews[d] as DocView)) };
  };
  const entrySide = side("entry");
  const intentSide = side("intent");
  // The build-time maps are large and no longer needed (the closures below would keep them alive).
  docFeatures.length = 0;
  docTexts.length = 0;
  docTarget.length = 0;

  const score = (s: Signals, retrieval: number) => combine(s, retrieval, opts.weights);

  function scoreSide(q: Analysis, rescorer: Rescorer, s: Side, k: number, fuzzyCount: number): ExplainedCandidate[] {
    const retrieved = s.index.searchGroups(q.terms, q.weights, s.group, s.targets.length, k);
    const topBm25 = retrieved[0]?.score ?? 0;
    if (topBm25 <= 0) return [];
    const scored = retrieved
      .map((h) => {
        const target = s.targets[h.group] as Target;
        const signals = { ...rescorer.signals(target, s.views[h.group] as DocView[]), retrieval: h.score / topBm25 };
        return { target, closest: rescorer.closest, signals, base: score(signals, signals.retrieval) };
      })
      .sort((a, b) => b.base - a.base);
    // Bitap is the costly part: only the leaders, whose gap decides the band, get it.
    return scored
      .map((c, i) => {
        if (i < fuzzyCount) c.signals.fuzzy = rescorer.fuzzy(c.closest);
        return { ...c.target.candidate, score: round(score(c.signals, c.signals.retrieval)), signals: c.signals, raw: score(c.signals, c.signals.retrieval) };
      })
      .sort((a, b) => b.raw - a.raw)
      .map(({ raw: _raw, ...c }) => c);
  }

  /**
   * The out-of-scope subject carrying most of the message's informative mass, over all subjects and over
   * `not_covered` ones, with its share.
   */
  function outOfScope(q: Analysis, folded: string[], total: number): { any: SubjectShare; notCovered: SubjectShare } {
    const best: { any: SubjectShare; notCovered: SubjectShare } = { any: { share: 0 }, notCovered: { share: 0 } };
    const present = new Set(folded);
    for (const o of lookup.outOfScope) {
      if (!present.has(o.key[0] as string) || indexOfSequence(folded, o.key) < 0) continue;
      const words = new Set(o.key);
      let mass = 0;
      for (const p of q.positions) {
        const toks = p.alts[0]?.toks ?? [];
        if (toks.length > 0 && toks.every((t) => words.has(t.fold))) mass += p.focus * Math.max(...toks.map((t) => idf(t.fold)));
      }
      const share = total > 0 ? Math.min(1, mass / total) : 0;
      if (share > best.any.share) best.any = { share, subject: o.subject };
      if (o.notCovered && share > best.notCovered.share) best.notCovered = { share, subject: o.subject };
    }
    return best;
  }

  function inspect(text: string): QueryInspection {
    const q = analyse(text, queryOptions);
    let length = 0;
    let total = 0;
    let unknown = 0;
    for (const p of q.positions) {
      if (p.filler) continue;
      const toks = p.alts[0]?.toks ?? [];
      const v = p.focus * Math.max(0, ...toks.map((t) => idf(t.fold)));
      length += p.focus;
      total += v;
      if (toks.length > 0 && toks.every((t) => !idfKnown.has(t.fold))) unknown += v;
    }
    const folded = q.positions.flatMap((p) => (p.alts[0]?.toks ?? []).map((t) => t.fold));
    const { any: oos, notCovered } = outOfScope(q, folded, total);
    const empty: QueryView = { length, unknownShare: 0, marked: q.marked, outOfScopeShare: oos.share, intentCoverage: 0 };
    if (q.features.size === 0) return { entries: [], intents: [], query: empty, features: calibrationFeatures([], empty), notCovered };
    const rescorer = new Rescorer(q, idf, idOf, scratch);
    const entries = scoreSide(q, rescorer, entrySide, opts.candidates, FUZZY_CANDIDATES);
    const intents = scoreSide(q, rescorer, intentSide, 3, 0);
    rescorer.release();
    const query: QueryView = { ...empty, unknownShare: total > 0 ? unknown / total : 0, intentCoverage: intents[0]?.signals.coverage ?? 0 };
    return { entries, intents, query, features: calibrationFeatures(entries, query), outOfScopeSubject: oos.subject, notCovered };
  }

  const thresholdOf = new Map(input.entries.filter((e) => e.answerThreshold !== undefined).map((e) => [e.id, e.answerThreshold]));
  const notAboutOf = new Map(input.entries.filter((e) => e.notAbout?.length).map((e) => [e.id, (e.notAbout ?? []).map(phraseKey)]));
  const strip = ({ signals: _signals, ...c }: ExplainedCandidate): Candidate => c;

  function match(text: string): MatchResult {
    const x = inspect(text);
    const intent = x.intents[0];
    if (intent && intent.signals.coverage >= INTENT_COVERAGE && intent.signals.bigramCoverage >= INTENT_PAIRS) {
      const topEntry = x.entries[0];
      if (!topEntry || intent.signals.coverage >= topEntry.signals.coverage || intent.score >= topEntry.score) {
        return { band: "answer", top: strip(intent), suggestions: [], confidence: round(intent.signals.coverage), reason: "intent" };
      }
    }
    const ranked = x.entries.map(strip);
    const top = ranked[0];
    if (!top) return { band: "fallback", top: null, suggestions: [], confidence: 0, reason: "no_match" };
    const p = calibrated(x.features);
    if (x.outOfScopeSubject && x.query.outOfScopeShare >= OUT_OF_SCOPE_SHARE) {
      return { band: "fallback", top, suggestions: [], confidence: round(p.top1), reason: "out_of_scope", outOfScopeSubject: x.outOfScopeSubject };
    }
    const query = notAboutOf.has(top.id) ? phraseKey(text) : "";
    const uncovered = x.notCovered.share >= OUT_OF_SCOPE_MENTION ? x.notCovered.subject : undefined;
    const notAbout = uncovered !== undefined || (notAboutOf.get(top.id)?.some((k) => query.includes(k)) ?? false);
    const r = decideBand({ ranked, confidence: p.top1, top3: p.top3, answerAt: thresholdOf.get(top.id), notAbout }, input.thresholds);
    return { ...r, confidence: round(r.confidence), ...(uncovered ? { outOfScopeSubject: uncovered } : {}) };
  }

  return {
    rank: (text) => inspect(text).entries.map(strip),
    explain: (text) => {
      const x = inspect(text);
      return [...x.entries, ...x.intents].sort((a, b) => b.score - a.score);
    },
    inspect,
    match,
  };
}

const FUZZY_CANDIDATES = 2;
/** Folded syllables with spaces around, so a phrase only matches whole syllables. */
const phraseKey = (text: string) => ` ${syllables(text).map((s) => s.fold).join(" ")} `;
const round = (x: number) => Math.round(x * 1000) / 1000;

function indexOfSequence(hay: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
