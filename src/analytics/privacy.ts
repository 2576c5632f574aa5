import type { QuestionGroup } from "./question-groups.js";
import { redactPersonalData } from "./redact.js";

/** A group, or a wording, is shown or exported only when at least this many distinct citizens wrote it. */
export const MIN_CITIZENS = 3;

/**
 * The groups an analyst may see: groups asked by at least MIN_CITIZENS citizens, each keeping only the
 * wordings that as many citizens typed (so no one's own sentence is shown), re-redacted (the key too). A group with
 * no such wording is left out; its label is its most common shareable wording.
 */
export function shareableGroups(groups: QuestionGroup[], min = MIN_CITIZENS): QuestionGroup[] {
  const out: QuestionGroup[] = [];
  for (const g of groups) {
    if (g.citizens < min) continue;
    const kept = g.examples.map((e, i) => ({ e, n: g.exampleCitizens[i] ?? 0 })).filter((x) => x.n >= min);
    if (kept.length === 0) continue;
    const examples = kept.map((x) => redactPersonalData(x.e));
    // The key is made of the wording's words: redacted too, since it is sent to the page (gap labels).
    out.push({ ...g, key: redactPersonalData(g.key), label: examples[0] as string, examples, exampleCitizens: kept.map((x) => x.n) });
  }
  return out;
}

/** A text that came from at least `min` distinct citizens (used for single example wordings). */
export function fromEnoughCitizens(userKeys: Iterable<string>, min = MIN_CITIZENS): boolean {
  return new Set(userKeys).size >= min;
}
