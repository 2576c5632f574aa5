import { canonical } from "./content.js";

export interface FieldComparison {
  field: string;
  base: unknown;
  local: unknown;
  remote: unknown;
  changedLocally: boolean;
  changedUpstream: boolean;
  /** Both sides changed the field, differently: the merge keeps the local value. */
  conflict: boolean;
}

export interface ThreeWay {
  merged: Record<string, unknown>;
  fields: FieldComparison[];
}

/**
 * Field by field, over the top-level fields of an item: what only upstream changed is taken from
 * upstream, what only the province changed is kept, and where both changed it the local value stays
 * (marked as a conflict for the editor to decide).
 */
export function threeWayMerge(base: unknown, local: unknown, remote: unknown): ThreeWay {
  const [b, l, r] = [base, local, remote].map((v) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {})) as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
  const names = [...new Set([...Object.keys(l), ...Object.keys(r), ...Object.keys(b)])];
  const merged: Record<string, unknown> = {};
  const fields: FieldComparison[] = [];
  for (const field of names) {
    const [cb, cl, cr] = [b[field], l[field], r[field]].map(canonical);
    const changedLocally = cl !== cb;
    const changedUpstream = cr !== cb;
    const value = changedLocally ? l[field] : r[field];
    if (value !== undefined) merged[field] = value;
    fields.push({ field, base: b[field], local: l[field], remote: r[field], changedLocally, changedUpstream, conflict: changedLocally && changedUpstream && cl !== cr });
  }
  return { merged, fields };
}
