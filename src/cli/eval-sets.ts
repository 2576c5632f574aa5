/**
 * The question sets `npm run eval` scores, and the three forms of each question.
 *
 * - The labelled set (test/fixtures/eval/*.jsonl): written by the team from the catalogue of titles,
 *   each line already in three forms {"expected", "accented", "plain", "chat"}.
 * - The real set (test/fixtures/eval/real/*.jsonl): questions copied character for character from
 *   public sources, one per line {"question", "source", "expected": entry id | null, "topic", "kind",
 *   "note"}. Its plain and chat forms are derived here, deterministically:
 *   - plain: the verbatim question with every diacritic removed (fold() of the engine, đ → d);
 *   - chat: the plain form lower-cased, common chat abbreviations applied (không → ko, được → dc,
 *     gì → j, giấy tờ → gt, căn cước công dân → cccd, anh/chị → a/c, em → e …, see CHAT_RULES) and
 *     punctuation stripped.
 *
 * Split of the real set (dev / held-out): a question belongs to dev when the FNV-1a 32-bit hash of its
 * NFC text (trimmed) is even, to held-out when it is odd. The coin is the same in every topic, so each
 * topic is split about 50/50 (stratified in expectation; `npm run eval` prints the counts per topic).
 * It does not depend on the other lines, so questions added later never move an earlier one from dev to
 * held-out. Calibration, thresholds and any weight are fitted on dev (and the labelled set) only;
 * held-out figures are reported and never used for a choice.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fold } from "../matching/index.js";

export const FORMS = ["accented", "plain", "chat"] as const;
export type Form = (typeof FORMS)[number];

export interface EvalCase {
  expected: string | null;
  accented: string;
  plain: string;
  chat: string;
  /** file:line */
  file: string;
  /** Real set only: the topic given by the collector, the part of the split, the kind of text. */
  topic?: string | null;
  part?: "dev" | "held-out";
  kind?: string;
  /** Real set only: where the question was copied from. */
  source?: string;
}

/**
 * A real-set line with no expected entry names either no topic of ours ("none": not about the services
 * we cover) or the nearest topic (the subject is ours but no entry answers the ask, e.g. how long a
 * criminal-record certificate stays valid). Both count as out of scope; the second kind is also
 * reported apart, because confidence cannot tell it from an answerable question: only content can.
 */
export const asksNotCovered = (c: EvalCase): boolean => c.expected === null && typeof c.topic === "string" && c.topic !== "none";

async function jsonLines(dir: string): Promise<{ value: unknown; where: string }[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    return [];
  }
  const out: { value: unknown; where: string }[] = [];
  for (const f of files) {
    const lines = (await readFile(path.join(dir, f), "utf8")).split("\n");
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        out.push({ value: JSON.parse(line), where: `${f}:${i + 1}` });
      } catch {
        console.error(`${f}:${i + 1}: not valid JSON, skipped`);
      }
    });
  }
  return out;
}

/** The labelled set: every line carries its three forms. */
export async function readEvalSet(dir: string): Promise<EvalCase[]> {
  return (await jsonLines(dir)).map(({ value, where }) => ({ ...(value as Omit<EvalCase, "file">), file: where }));
}

interface RealLine {
  question?: unknown;
  expected?: unknown;
  topic?: unknown;
  kind?: unknown;
  source?: unknown;
}

/** The real set: verbatim questions, their derived forms and their part of the split. */
export async function readRealSet(dir: string): Promise<EvalCase[]> {
  const out: EvalCase[] = [];
  for (const { value, where } of await jsonLines(dir)) {
    const l = value as RealLine;
    if (typeof l.question !== "string" || l.question.trim() === "") {
      console.error(`${where}: no question, skipped`);
      continue;
    }
    const accented = l.question;
    const plain = plainForm(accented);
    out.push({
      expected: typeof l.expected === "string" && l.expected !== "" ? l.expected : null,
      accented,
      plain,
      chat: chatForm(plain),
      file: where,
      topic: typeof l.topic === "string" ? l.topic : null,
      kind: typeof l.kind === "string" ? l.kind : undefined,
      source: typeof l.source === "string" ? l.source : undefined,
      part: splitOf(accented),
    });
  }
  return out;
}

/** FNV-1a, 32 bits, over the UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function splitOf(question: string): "dev" | "held-out" {
  return fnv1a(question.normalize("NFC").trim()) % 2 === 0 ? "dev" : "held-out";
}

export function plainForm(text: string): string {
  return fold(text.normalize("NFC"));
}

/**
 * Chat abbreviations, applied to whole words of the lower-cased plain form, longest first. They are what
 * citizens commonly type on a phone, not a copy of the engine's synonym table.
 */
const CHAT_RULES: [string, string][] = [
  ["can cuoc cong dan", "cccd"],
  ["chung minh nhan dan", "cmnd"],
  ["giay phep lai xe", "gplx"],
  ["bao hiem y te", "bhyt"],
  ["bao hiem xa hoi", "bhxh"],
  ["uy ban nhan dan", "ubnd"],
  ["dich vu cong", "dvc"],
  ["anh/chi", "a/c"],
  ["anh chi", "a/c"],
  ["giay to", "gt"],
  ["thu tuc", "tt"],
  ["the nao", "ntn"],
  ["bao nhieu", "bn"],
  ["dang ky", "dk"],
  ["tai khoan", "tk"],
  ["ho so", "hs"],
  ["khong", "ko"],
  ["duoc", "dc"],
  ["gi", "j"],
  ["em", "e"],
  ["anh", "a"],
  ["voi", "vs"],
  ["nguoi", "ng"],
];
const CHAT_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(${CHAT_RULES.map(([k]) => k.replace(/\//g, "\\/")).join("|")})(?![\\p{L}\\p{N}])`,
  "gu",
);
const CHAT_MAP = new Map(CHAT_RULES);

/** The chat form of a plain (unaccented) text. */
export function chatForm(plain: string): string {
  return plain
    .toLowerCase()
    .replace(CHAT_PATTERN, (m) => CHAT_MAP.get(m) ?? m)
    .replace(/[^\p{L}\p{N}/\s]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
