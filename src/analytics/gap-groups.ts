import { GAP_LABELS, suggestGaps } from "./gaps.js";
import type { QuestionGroup } from "./question-groups.js";
import { ruleInput } from "./text-rules.js";

/** What an analyst decides for a group: a gap id, or NOT_A_GAP. */
export const NOT_A_GAP = "none";

/** A logged question as the gap rules read it. */
export interface RuleRow {
  id: number;
  text: string;
  topic: string | null;
  band: string;
}

/** A GapLabel row, with the analyst's name. */
export interface SavedLabel {
  groupKey: string;
  gap: string;
  suggested: string;
  confirmedBy: string | null;
  confirmedAt: Date;
}

export interface LabelledGroup extends QuestionGroup {
  /** The gap most of the group's questions carry by the rules (at least half of them), or null. */
  suggested: string | null;
  /** The analyst's decision, when there is one. */
  saved: SavedLabel | null;
  /** The gap the group counts for: the analyst's, else the suggestion; null for none. */
  gap: string | null;
  /** Share of the group's questions the assistant did not understand (band "fallback"). */
  unanswered: number;
}

/** Is `gap` something an analyst may choose? */
export const isGapChoice = (gap: string): boolean => gap === NOT_A_GAP || GAP_LABELS.has(gap);

/**
 * Suggests a gap for each (shareable) group from the rules on its questions, and applies the analysts'
 * saved decisions by group key.
 */
export function labelGroups(groups: QuestionGroup[], rows: RuleRow[], saved: SavedLabel[]): LabelledGroup[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const labels = new Map(saved.map((l) => [l.groupKey, l]));
  const memo = new Map<string, string[]>();
  const rulesOf = (r: RuleRow) => {
    const key = `${r.band}\t${r.topic ?? ""}\t${r.text}`;
    let found = memo.get(key);
    if (!found) memo.set(key, (found = suggestGaps(ruleInput(r.text, r.topic, r.band))));
    return found;
  };
  return groups.map((g) => {
    const counts = new Map<string, number>();
    let seen = 0;
    let fallback = 0;
    for (const id of g.queryIds) {
      const row = byId.get(id);
      if (!row) continue;
      seen += 1;
      if (row.band === "fallback") fallback += 1;
      for (const gap of rulesOf(row)) counts.set(gap, (counts.get(gap) ?? 0) + 1);
    }
    const [top, n] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [null, 0];
    const suggested = top !== null && n * 2 >= seen ? top : null;
    const label = labels.get(g.key) ?? null;
    const chosen = label ? label.gap : suggested;
    return { ...g, suggested, saved: label, gap: chosen === NOT_A_GAP ? null : chosen, unanswered: seen === 0 ? 0 : fallback / seen };
  });
}

/** The groups an analyst should look at: a suggestion, a decision, or mostly not understood by the assistant. */
export function groupsToReview(groups: LabelledGroup[]): LabelledGroup[] {
  return groups.filter((g) => g.suggested !== null || g.saved !== null || g.unanswered >= 0.5);
}

/** Example wordings per gap, from the groups that count for it, most asked first. */
export function examplesByGap(groups: LabelledGroup[], perGap = 3): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const g of groups) {
    if (g.gap === null) continue;
    const list = out.get(g.gap) ?? [];
    for (const e of g.examples) if (list.length < perGap && !list.includes(e)) list.push(e);
    out.set(g.gap, list);
  }
  return out;
}
