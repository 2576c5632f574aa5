import { fold, normaliseText } from "../matching/index.js";

export interface GroupableQuery {
  id: number;
  text: string;
  userKey: string;
  createdAt: Date;
}

export interface QuestionGroup {
  /** The representative's tokens, sorted: stable while the group's most common wording stays the same. */
  key: string;
  /** The most common wording in the group. */
  label: string;
  count: number;
  /** Distinct citizens (userKey) who asked. */
  citizens: number;
  /** The most common wordings, most common first. */
  examples: string[];
  /** For each example, the distinct citizens who typed that wording (the privacy rule reads it). */
  exampleCitizens: number[];
  firstSeen: Date;
  lastSeen: Date;
  queryIds: number[];
}

interface Wording {
  text: string;
  tokens: string[];
  rows: GroupableQuery[];
}

interface Draft {
  key: string;
  tokens: Set<string>;
  wordings: Wording[];
}

/**
 * Groups similar questions, accent-insensitively: wordings that normalise alike are one wording; a
 * wording joins the group whose representative (its most frequent wording) shares the most tokens
 * with it, measured as Jaccard similarity ≥ minSimilarity (default 0.5); otherwise it starts a group.
 * Wordings are visited most frequent first, so each group is led by what most citizens typed.
 * Groups come out by count, then by citizens.
 */
export function groupQuestions(
  rows: GroupableQuery[],
  tokens: (text: string) => string[],
  opts: { minSimilarity?: number; maxExamples?: number } = {},
): QuestionGroup[] {
  const minSimilarity = opts.minSimilarity ?? 0.5;
  const maxExamples = opts.maxExamples ?? 3;
  const drafts: Draft[] = [];
  const byToken = new Map<string, Draft[]>();
  for (const wording of wordings(rows, tokens)) {
    const home = bestDraft(wording.tokens, byToken, minSimilarity);
    if (home) {
      home.wordings.push(wording);
      continue;
    }
    const draft: Draft = { key: [...wording.tokens].sort().join(" "), tokens: new Set(wording.tokens), wordings: [wording] };
    drafts.push(draft);
    for (const t of draft.tokens) {
      const list = byToken.get(t);
      if (list) list.push(draft);
      else byToken.set(t, [draft]);
    }
  }
  return drafts.map((d) => finish(d, maxExamples)).sort((a, b) => b.count - a.count || b.citizens - a.citizens || a.key.localeCompare(b.key));
}

/** The identity of a wording: normalised and without diacritics ("lam can cuoc" is "làm căn cước"). */
export function wordingKey(text: string): string {
  return fold(normaliseText(text));
}

/** Rows with the same wording key are one wording, shown with diacritics when someone typed them. */
function wordings(rows: GroupableQuery[], tokens: (text: string) => string[]): Wording[] {
  const byText = new Map<string, Wording>();
  const keyOf = new Map<string, string>();
  for (const row of rows) {
    let key = keyOf.get(row.text);
    if (key === undefined) keyOf.set(row.text, (key = wordingKey(row.text)));
    if (key === "") continue;
    let w = byText.get(key);
    if (!w) {
      w = { text: row.text.trim(), tokens: tokens(row.text), rows: [] };
      byText.set(key, w);
    } else if (fold(w.text) === w.text && fold(row.text) !== row.text) {
      w.text = row.text.trim();
    }
    w.rows.push(row);
  }
  return [...byText.values()].filter((w) => w.tokens.length > 0).sort((a, b) => b.rows.length - a.rows.length || a.text.localeCompare(b.text));
}

function bestDraft(words: string[], byToken: Map<string, Draft[]>, minSimilarity: number): Draft | undefined {
  const shared = new Map<Draft, number>();
  for (const t of new Set(words)) for (const d of byToken.get(t) ?? []) shared.set(d, (shared.get(d) ?? 0) + 1);
  let best: Draft | undefined;
  let bestScore = minSimilarity;
  const size = new Set(words).size;
  for (const [draft, common] of shared) {
    const score = common / (size + draft.tokens.size - common);
    if (score >= bestScore && (!best || score > bestScore)) {
      best = draft;
      bestScore = score;
    }
  }
  return best;
}

function finish(d: Draft, maxExamples: number): QuestionGroup {
  const rows = d.wordings.flatMap((w) => w.rows);
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    first = Math.min(first, r.createdAt.getTime());
    last = Math.max(last, r.createdAt.getTime());
  }
  return {
    key: d.key,
    label: d.wordings[0]?.text ?? "",
    count: rows.length,
    citizens: new Set(rows.map((r) => r.userKey)).size,
    examples: d.wordings.slice(0, maxExamples).map((w) => w.text),
    exampleCitizens: d.wordings.slice(0, maxExamples).map((w) => new Set(w.rows.map((r) => r.userKey)).size),
    firstSeen: new Date(first),
    lastSeen: new Date(last),
    queryIds: rows.map((r) => r.id).sort((a, b) => a - b),
  };
}
