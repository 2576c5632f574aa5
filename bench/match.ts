/**
 * Matching benchmark: index build time and match latency (p50/p99, one core) on the real knowledge base
 * and on a generated one of 2,000 entries × 10 example questions, against the naive design (one fuse.js
 * search over every example question). Also compares first-stage retrieval: our BM25 inverted index vs
 * natural's TfIdf (given token arrays), for top-1 on the labelled set and for latency.
 *
 * Run: `npx tsx bench/match.ts` (or through bench/run.ts, which calls runMatchBench()).
 */
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Fuse from "fuse.js";
import { parse as parseYaml } from "yaml";
import natural from "natural/lib/natural/tfidf/index.js";
import { createMatcher, DEFAULT_THRESHOLDS, parseSynonyms, syllables, fold } from "../src/matching/index.js";
import type { MatcherEntry, MatcherInput, MatcherIntent } from "../src/matching/index.js";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

async function yamlFiles(dir: string): Promise<string[]> {
  try {
    const names = (await readdir(dir, { recursive: true })) as string[];
    return names.filter((n) => /\.ya?ml$/.test(n)).map((n) => path.join(dir, n)).sort();
  } catch {
    return [];
  }
}

async function readYaml(file: string): Promise<unknown> {
  return parseYaml((await readFile(file, "utf8")).normalize("NFC"));
}

/** The real knowledge base, read directly from the YAML files (entries, intents, synonyms). */
export async function loadRealInput(): Promise<MatcherInput> {
  const entries: MatcherEntry[] = [];
  for (const f of await yamlFiles(path.join(ROOT, "knowledge", "entries"))) {
    const e = (await readYaml(f)) as Partial<MatcherEntry> & { match?: { answer_threshold?: number } };
    if (!e?.id || !Array.isArray(e.questions)) continue;
    entries.push({
      id: e.id,
      topic: e.topic ?? "",
      title: e.title ?? e.id,
      questions: e.questions,
      keywords: e.keywords ?? [],
      answerThreshold: e.match?.answer_threshold,
    });
  }
  const intents: MatcherIntent[] = [];
  for (const f of await yamlFiles(path.join(ROOT, "intents"))) {
    const i = (await readYaml(f)) as Partial<MatcherIntent>;
    if (i?.id && Array.isArray(i.questions)) intents.push({ id: i.id, questions: i.questions });
  }
  let synonymsRaw: unknown = null;
  try {
    synonymsRaw = await readYaml(path.join(ROOT, "knowledge", "synonyms.yaml"));
  } catch {
    synonymsRaw = null;
  }
  return { entries, intents, synonyms: parseSynonyms(synonymsRaw), thresholds: DEFAULT_THRESHOLDS };
}

async function readEvalQuestions(): Promise<{ q: string; expected: string | null }[]> {
  const dir = path.join(ROOT, "test", "fixtures", "eval");
  const out: { q: string; expected: string | null }[] = [];
  let files: string[] = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    return out;
  }
  for (const f of files) {
    for (const line of (await readFile(path.join(dir, f), "utf8")).split("\n")) {
      if (!line.trim()) continue;
      try {
        const c = JSON.parse(line) as { expected: string | null; accented: string; plain: string; chat: string };
        for (const q of [c.accented, c.plain, c.chat]) out.push({ q, expected: c.expected });
      } catch {
        /* a malformed line is the evaluation's problem, not the benchmark's */
      }
    }
  }
  return out;
}

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic knowledge base with the statistics of Vietnamese questions: syllables drawn (Zipf-like)
 * from the real knowledge base's vocabulary plus invented syllables, so vocabulary and postings grow
 * as they would with 2,000 real entries.
 */
export function generateInput(real: MatcherInput, entryCount: number, questionsPerEntry: number, seed = 7): MatcherInput {
  const rand = rng(seed);
  const realVocab = [...new Set(real.entries.flatMap((e) => e.questions.flatMap((q) => syllables(q).map((s) => s.acc))))];
  const onsets = ["b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v", "x"];
  const rhymes = ["a", "á", "à", "ai", "am", "an", "ang", "anh", "ao", "âm", "ân", "ất", "ăn", "em", "ên", "iêt", "inh", "oa", "oàn", "ôi", "ông", "ơn", "uy", "ước", "ương", "ười", "ứng"];
  const invented = Array.from({ length: 4000 }, () => {
    const o = onsets[Math.floor(rand() * onsets.length)] as string;
    return o + (rhymes[Math.floor(rand() * rhymes.length)] as string);
  });
  const vocab = [...realVocab, ...new Set(invented)];
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length * rand() ** 2.2))] as string;
  const sentence = (topicWords: string[], n: number) =>
    Array.from({ length: n }, () => (rand() < 0.35 ? topicWords[Math.floor(rand() * topicWords.length)] : zipf())).join(" ");
  const entries: MatcherEntry[] = Array.from({ length: entryCount }, (_, i) => {
    const topicWords = Array.from({ length: 6 }, zipf);
    return {
      id: `gen-${i}`,
      topic: `topic-${i % 40}`,
      title: sentence(topicWords, 5),
      questions: Array.from({ length: questionsPerEntry }, () => sentence(topicWords, 6 + Math.floor(rand() * 10))),
      keywords: [topicWords.slice(0, 2).join(" "), topicWords.slice(2, 4).join(" ")],
    };
  });
  return { ...real, entries };
}

/** Queries derived from the knowledge base's own questions: accents dropped, a word dropped, a typo. */
function perturbedQueries(input: MatcherInput, n: number, seed = 11): string[] {
  const rand = rng(seed);
  const all = input.entries.flatMap((e) => e.questions);
  return Array.from({ length: n }, () => {
    const words = (all[Math.floor(rand() * all.length)] ?? "").split(" ");
    if (words.length > 3) words.splice(Math.floor(rand() * words.length), 1);
    let q = words.join(" ");
    if (rand() < 0.5) q = fold(q);
    if (rand() < 0.3 && q.length > 4) {
      const i = 1 + Math.floor(rand() * (q.length - 2));
      q = q.slice(0, i) + q[i + 1] + q[i] + q.slice(i + 2);
    }
    return q;
  });
}

interface Latency {
  p50: number;
  p99: number;
  mean: number;
  /** The worst round's p99 (the machine may be busy with other work). */
  worstP99: number;
}

/**
 * Latency per question after a warm-up pass (steady state, as in the long-running server), over several
 * rounds; each figure is the median across rounds, so a burst of other work on the machine does not
 * decide the result alone (the worst round's p99 is reported as well).
 */
function measure(queries: string[], run: (q: string) => unknown, warmUp = queries.length, rounds = 5): Latency {
  for (const q of queries.slice(0, warmUp)) run(q);
  const results: Omit<Latency, "worstP99">[] = [];
  for (let r = 0; r < rounds; r++) {
    const times = queries.map((q) => {
      const t = performance.now();
      run(q);
      return performance.now() - t;
    });
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] as number;
    results.push({ p50: at(0.5), p99: at(0.99), mean: times.reduce((a, b) => a + b, 0) / times.length });
  }
  const median = (k: keyof Omit<Latency, "worstP99">) => results.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(rounds / 2)] as number;
  return { p50: median("p50"), p99: median("p99"), mean: median("mean"), worstP99: Math.max(...results.map((x) => x.p99)) };
}

function timed<T>(f: () => T): [T, number] {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
}

const ms = (x: number) => `${x < 10 ? x.toFixed(3) : x.toFixed(1)} ms`;

/** The naive design: one fuse.js search over every example question, the best question's entry wins. */
function naiveMatcher(input: MatcherInput): (q: string) => string | undefined {
  const docs = input.entries.flatMap((e) => e.questions.map((q) => ({ id: e.id, q })));
  const fuse = new Fuse(docs, { keys: ["q"], ignoreDiacritics: true, ignoreLocation: true, includeScore: true, threshold: 0.6 });
  return (q) => fuse.search(q, { limit: 3 })[0]?.item.id;
}

type TfIdfInstance = {
  addDocument(doc: string[], key?: unknown): void;
  tfidfs(terms: string[], cb?: (i: number, measure: number) => void): number[];
};

/** First stage with natural's TfIdf over the same folded syllable + bigram tokens (linear scan per query). */
function tfidfRetriever(input: MatcherInput): (q: string) => string | undefined {
  const Ctor = (natural as unknown as { TfIdf: new () => TfIdfInstance }).TfIdf;
  const tfidf = new Ctor();
  const owner: string[] = [];
  const tokens = (s: string) => {
    const f = syllables(s).map((x) => x.fold);
    return [...f, ...f.slice(1).map((x, i) => `${f[i]}_${x}`)];
  };
  for (const e of input.entries)
    for (const text of [e.title, ...e.questions, ...e.keywords]) {
      tfidf.addDocument(tokens(text));
      owner.push(e.id);
    }
  return (q) => {
    const scores = tfidf.tfidfs(tokens(q));
    let best = -1;
    let arg = -1;
    scores.forEach((s, i) => {
      if (s > best) {
        best = s;
        arg = i;
      }
    });
    return arg >= 0 ? owner[arg] : undefined;
  };
}

export async function runMatchBench(): Promise<string> {
  const load = os.loadavg()[0]?.toFixed(2) ?? "?";
  const out: string[] = [`Matching benchmark (single thread, Node ${process.version}, ${os.cpus().length} CPUs, load average ${load})`];
  const real = await loadRealInput();
  const evalSet = await readEvalQuestions();
  const realQuestions = real.entries.reduce((n, e) => n + e.questions.length, 0);

  const [realMatcher, realBuild] = timed(() => createMatcher(real));
  const realQueries = evalSet.length > 0 ? evalSet.map((c) => c.q) : perturbedQueries(real, 1000);
  const realLat = measure(realQueries, (q) => realMatcher.match(q));
  out.push(
    `\nReal knowledge base: ${real.entries.length} entries, ${realQuestions} example questions, ${real.intents.length} intents`,
    `  index build ${ms(realBuild)}; match p50 ${ms(realLat.p50)}, p99 ${ms(realLat.p99)} (worst round ${ms(realLat.worstP99)}), mean ${ms(realLat.mean)} over ${realQueries.length} questions × 5 rounds`,
  );

  const gen = generateInput(real, 2000, 10);
  const genBuild = [0, 1, 2].map(() => timed(() => createMatcher(gen))[1]).sort((a, b) => a - b)[1] as number;
  const genMatcher = createMatcher(gen);
  const genQueries = perturbedQueries(gen, 2000);
  const genLat = measure(genQueries, (q) => genMatcher.match(q));
  out.push(
    `\nGenerated knowledge base: 2,000 entries, 20,000 example questions`,
    `  index build ${ms(genBuild)} (median of 3; target < 2 s); match p50 ${ms(genLat.p50)}, p99 ${ms(genLat.p99)} (target < 2 ms; worst round ${ms(genLat.worstP99)}), mean ${ms(genLat.mean)} over ${genQueries.length} questions × 5 rounds`,
  );

  const [naive, naiveBuild] = timed(() => naiveMatcher(gen));
  const naiveLat = measure(genQueries.slice(0, 40), naive, 3, 1);
  const [naiveReal] = timed(() => naiveMatcher(real));
  const naiveRealLat = measure(realQueries.slice(0, 300), naiveReal, 20, 1);
  out.push(
    `\nNaive design (one fuse.js search over every example question)`,
    `  real KB: mean ${ms(naiveRealLat.mean)}, p99 ${ms(naiveRealLat.p99)} → engine is ${(naiveRealLat.mean / realLat.mean).toFixed(1)}× faster (mean)`,
    `  2,000 entries: build ${ms(naiveBuild)}; mean ${ms(naiveLat.mean)}, p99 ${ms(naiveLat.p99)} → engine is ${(naiveLat.mean / genLat.mean).toFixed(0)}× faster (mean), ${(naiveLat.p99 / genLat.p99).toFixed(0)}× at p99 (target ≥ 20×)`,
  );

  if (evalSet.length > 0) {
    const inScope = evalSet.filter((c) => c.expected !== null);
    const top1 = (f: (q: string) => string | undefined | null) => inScope.filter((c) => f(c.q) === c.expected).length / inScope.length;
    const [tfidf, tfidfBuild] = timed(() => tfidfRetriever(real));
    const tfidfLat = measure(realQueries.slice(0, 300), tfidf, 20, 1);
    const [genTfidf, genTfidfBuild] = timed(() => tfidfRetriever(gen));
    const genTfidfLat = measure(genQueries.slice(0, 40), genTfidf, 3, 1);
    const bm25Only = createMatcher(real, { candidates: 1 });
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    out.push(
      `\nFirst-stage retrieval on the labelled set (${inScope.length} in-scope questions, top-1)`,
      `  full engine (BM25 + rescoring): ${pct(top1((q) => realMatcher.rank(q)[0]?.id))}`,
      `  BM25 only (our index, no rescoring): ${pct(top1((q) => bm25Only.rank(q)[0]?.id))}`,
      `  natural TfIdf (same tokens):       ${pct(top1(tfidf))}; build ${ms(tfidfBuild)}, mean ${ms(tfidfLat.mean)}/question`,
      `  naive fuse.js over every question:  ${pct(top1(naiveReal))}`,
      `  natural TfIdf at 2,000 entries: build ${ms(genTfidfBuild)}, mean ${ms(genTfidfLat.mean)}/question (scans every document)`,
    );
  }
  return out.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runMatchBench());
}
