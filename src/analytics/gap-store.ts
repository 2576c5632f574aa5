import type { Database } from "../storage/database.js";
import { isGapChoice, type SavedLabel } from "./gap-groups.js";

/** The analysts' gap decisions, with who made them. */
export async function savedLabels(db: Database): Promise<SavedLabel[]> {
  const rows = await db.gapLabel.findMany();
  const ids = [...new Set(rows.map((r) => r.confirmedBy).filter((id): id is number => id !== null))];
  const users = new Map((await db.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } })).map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({ groupKey: r.groupKey, gap: r.gap, suggested: r.suggested, confirmedBy: r.confirmedBy === null ? null : (users.get(r.confirmedBy) ?? null), confirmedAt: r.confirmedAt }));
}

export interface LabelChange {
  groupKey: string;
  gap: string;
  suggested: string;
  label: string;
}

/** Saves an analyst's decision for a group; returns the row before (null if none) and after, for the audit log. */
export async function saveLabel(db: Database, change: LabelChange, by: number, at: Date) {
  if (!isGapChoice(change.gap)) throw new Error(`unknown gap ${change.gap}`);
  const before = await db.gapLabel.findUnique({ where: { groupKey: change.groupKey } });
  const data = { gap: change.gap, suggested: change.suggested, label: change.label, confirmedBy: by, confirmedAt: at };
  const after = await db.gapLabel.upsert({ where: { groupKey: change.groupKey }, create: { groupKey: change.groupKey, ...data }, update: data });
  return { before, after };
}
