import { fold, normaliseText } from "../matching/index.js";

/** A query as the rules see it: its folded words between spaces, its topic and how it was answered. */
export interface RuleInput {
  folded: string;
  topic: string | null;
  band: string;
}

export function ruleInput(text: string, topic: string | null, band: string): RuleInput {
  return { folded: ` ${fold(normaliseText(text))} `, topic, band };
}

const compiled = new WeakMap<readonly string[], string[]>();

/** Does the folded text contain one of the phrases as whole words? Phrases are written with diacritics. */
export function mentions(input: RuleInput, phrases: readonly string[]): boolean {
  let folded = compiled.get(phrases);
  if (!folded) {
    folded = phrases.map((p) => ` ${fold(normaliseText(p))} `);
    compiled.set(phrases, folded);
  }
  return folded.some((p) => input.folded.includes(p));
}

/** Words saying something went wrong, in citizens' own words. */
export const PROBLEM_WORDS = [
  "lỗi", "bị lỗi", "không được", "ko được", "k được", "không vào được", "không hiện", "không thấy", "chưa thấy", "chưa nhận",
  "thất bại", "bị treo", "treo", "sao chưa", "mãi không", "không thể", "chờ mãi", "sai",
] as const;
