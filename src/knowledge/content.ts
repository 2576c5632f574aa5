import type { z } from "zod";
import { synonymFileSchema } from "../matching/synonyms.js";
import { entrySchema, intentSchema, type Intent, type KnowledgeEntry } from "./entry-schema.js";
import { crossEntryProblems, type KnowledgeBase } from "./loader.js";
import { provinceSchema, type Province } from "./province-schema.js";

/** The four kinds of knowledge item kept in the database, each a file in knowledge/. */
export type ItemKind = "entry" | "intent" | "province" | "synonyms";

export interface KnowledgeItemContent {
  key: string;
  kind: ItemKind;
  content: unknown;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export type Validated = { ok: true; value: unknown } | { ok: false; problems: FieldProblem[] };

const SCHEMAS: Record<ItemKind, z.ZodTypeAny> = { entry: entrySchema, intent: intentSchema, province: provinceSchema, synonyms: synonymFileSchema };

export const entryKey = (id: string): string => `entry:${id}`;
export const intentKey = (id: string): string => `intent:${id}`;

export function kindOf(key: string): ItemKind {
  const kind = key.split(":")[0];
  if (kind === "entry" || kind === "intent" || kind === "province" || kind === "synonyms") return kind;
  throw new Error(`unknown knowledge item ${key}`);
}

/** The same zod schemas as kb:check, with each problem named by its field path. */
export function validateItem(kind: ItemKind, raw: unknown): Validated {
  const result = SCHEMAS[kind].safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((i) => ({ field: i.path.join(".") || "(gốc)", message: i.message })) };
}

/** Splits a knowledge base into the items stored in the database. */
export function itemsOf(kb: KnowledgeBase): KnowledgeItemContent[] {
  return [
    ...kb.entries.map((e) => ({ key: entryKey(e.id), kind: "entry" as const, content: e })),
    ...kb.intents.map((i) => ({ key: intentKey(i.id), kind: "intent" as const, content: i })),
    { key: "province", kind: "province", content: kb.province },
    { key: "synonyms", kind: "synonyms", content: kb.synonymsRaw },
  ];
}

/** Puts items back together into what the matcher and the renderer are built from. */
export function baseOf(items: KnowledgeItemContent[]): KnowledgeBase {
  const of = <T>(kind: ItemKind) => items.filter((i) => i.kind === kind).map((i) => i.content as T);
  return {
    entries: of<KnowledgeEntry>("entry").sort((a, b) => a.id.localeCompare(b.id)),
    intents: of<Intent>("intent").sort((a, b) => a.id.localeCompare(b.id)),
    province: of<Province>("province")[0] as Province,
    synonymsRaw: of<unknown>("synonyms")[0] ?? {},
  };
}

/** Problems that only show across entries (duplicate titles or example questions). */
export function baseProblems(kb: KnowledgeBase): FieldProblem[] {
  return crossEntryProblems(kb.entries, []).map((p) => ({ field: `${p.file}: ${p.field}`, message: p.message }));
}

/** Stable JSON: the same content always gives the same string (keys sorted), to compare versions. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}
