import { z } from "zod";
import { isMarked, syllables, type Syllable } from "./normalise.js";

/**
 * The staff-editable synonym table (knowledge/synonyms.yaml).
 *
 * - replace: abbreviations and teen code. What citizens write (`say`) is replaced by its meaning.
 * - add: colloquial, outdated or alternative names. The canonical term is added, the original kept.
 * - units: abbreviations that follow a number ("10t" → 10 tuổi, "3tr" → 3 triệu, "200k" → 200 nghìn).
 * - filler: politeness and letter formulas that carry no intent ("cho em hỏi", "xin cảm ơn"); they
 *   count for little when the engine judges how much of a question it understood.
 * - out_of_scope: subjects the assistant does not cover (Facebook, banking apps, shopping …), each with
 *   the name the assistant says back ("Trợ lý chưa hỗ trợ được về Facebook"). A question about one of
 *   them is not answered with an entry, even when it shares words with one ("quên mật khẩu Facebook").
 *   `not_covered: true` marks a public matter near our topics that no entry covers (divorce, penalties,
 *   pensions' amounts): even a mention in a longer message keeps it from a direct answer.
 *
 * Matching is on whole syllables. A syllable typed without diacritics matches a key by its unaccented
 * form; a syllable typed with diacritics must match the key exactly (so "sổ đỏ" and "so do" match the
 * key "sổ đỏ", "số đó" does not, and the key "a" never swallows the particle "ạ").
 * `means` may list several alternatives when the short form is ambiguous ("dk": đăng ký or được): every
 * alternative is tried, each with a lower weight, and retrieval decides.
 */
const phrase = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1));
const phrases = z.union([phrase, z.array(phrase).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));
const ruleSchema = z.object({ say: phrases, means: phrases }).strict();
const subjectSchema = z.object({ say: phrases, subject: phrase, not_covered: z.boolean().optional() }).strict();

export const synonymFileSchema = z
  .object({
    replace: z.array(ruleSchema).default([]),
    add: z.array(ruleSchema).default([]),
    filler: z.array(phrase).default([]),
    units: z.record(z.string(), phrase).default({}),
    out_of_scope: z.array(subjectSchema).default([]),
  })
  .strict();

export type SynonymTable = z.infer<typeof synonymFileSchema>;

/** Validates the parsed YAML of knowledge/synonyms.yaml (a missing or empty file gives an empty table). */
export function parseSynonyms(raw: unknown): SynonymTable {
  if (raw === null || raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    return emptySynonyms();
  }
  return synonymFileSchema.parse(raw);
}

export function emptySynonyms(): SynonymTable {
  return { replace: [], add: [], filler: [], units: {}, out_of_scope: [] };
}

export type RuleKind = "replace" | "add" | "filler" | "unit";

export interface CompiledRule {
  kind: RuleKind;
  key: Syllable[];
  means: Syllable[][];
}

/** Rules indexed by the folded first syllable of their key, longest key first. */
export interface SynonymLookup {
  byFirst: Map<string, CompiledRule[]>;
  /** Every folded syllable that appears in a key or a meaning (known words, never "typos"). */
  vocabulary: Set<string>;
  /** Out-of-scope subjects: folded key syllables (each phrase) → the subject's name. */
  outOfScope: { key: string[]; subject: string; notCovered: boolean }[];
}

export function compileSynonyms(table: SynonymTable): SynonymLookup {
  const byFirst = new Map<string, CompiledRule[]>();
  const vocabulary = new Set<string>();
  const addRule = (kind: RuleKind, say: string[], means: string[]) => {
    for (const s of say) {
      const key = syllables(s);
      const first = key[0];
      if (!first) continue;
      const rule: CompiledRule = { kind, key, means: means.map((m) => syllables(m)).filter((m) => m.length > 0) };
      for (const k of key) vocabulary.add(k.fold);
      for (const m of rule.means) for (const t of m) vocabulary.add(t.fold);
      const list = byFirst.get(first.fold) ?? [];
      list.push(rule);
      byFirst.set(first.fold, list);
    }
  };
  for (const r of table.replace) addRule("replace", r.say, r.means);
  for (const r of table.add) addRule("add", r.say, r.means);
  for (const f of table.filler) addRule("filler", [f], []);
  for (const [unit, meaning] of Object.entries(table.units)) addRule("unit", [unit], [meaning]);
  for (const list of byFirst.values()) list.sort((a, b) => b.key.length - a.key.length);
  const outOfScope = (table.out_of_scope ?? []).flatMap((o) =>
    o.say.map((s) => ({ key: syllables(s).map((x) => x.fold), subject: o.subject, notCovered: o.not_covered === true })).filter((o) => o.key.length > 0),
  );
  for (const o of outOfScope) for (const k of o.key) vocabulary.add(k);
  return { byFirst, vocabulary, outOfScope };
}

/** Does the key syllable k accept the typed syllable t (see the module comment)? */
export function keyAccepts(k: Syllable, t: Syllable): boolean {
  return isMarked(t) ? t.acc === k.acc : t.fold === k.fold;
}

/** The longest rule whose key starts at position i of the text, if any. */
export function ruleAt(lookup: SynonymLookup, text: Syllable[], i: number): CompiledRule | undefined {
  const first = text[i];
  if (!first) return undefined;
  const rules = lookup.byFirst.get(first.fold) ?? [];
  if (/^\d+$/.test(text[i - 1]?.fold ?? "")) {
    const unit = rules.find((r) => r.kind === "unit" && keyAccepts(r.key[0] as Syllable, first));
    if (unit) return unit;
  }
  for (const rule of rules) {
    if (rule.kind === "unit" || i + rule.key.length > text.length) continue;
    let ok = true;
    for (let j = 0; j < rule.key.length && ok; j++) ok = keyAccepts(rule.key[j] as Syllable, text[i + j] as Syllable);
    if (ok) return rule;
  }
  return undefined;
}
