import { RATING_DOWN, RATING_UP } from "../handoff/texts.js";
import { parseDetailPayload, parseRatingPayload, type DetailSection, type EntryRating } from "../knowledge/render.js";

/** Typed or tapped commands that bypass matching. Entries are named by their (unique) titles. */
export type Command =
  | { kind: "detail"; title: string; section: DetailSection }
  | { kind: "choice"; index: number; title?: string }
  | { kind: "rating"; rating: "up" | "down" }
  | { kind: "entry_rating"; rating: EntryRating; title: string };

const CHOICE = /^(?:(?:số|so|câu|cau|chọn|chon|mục|muc)\s*)?([1-9])\s*[.)]?$/iu;
const NUMBERED_TITLE = /^([1-9])\.\s+(.+)$/u;

export function parseCommand(text: string): Command | null {
  const trimmed = text.normalize("NFC").trim();
  if (trimmed === RATING_UP) return { kind: "rating", rating: "up" };
  if (trimmed === RATING_DOWN) return { kind: "rating", rating: "down" };
  const rated = parseRatingPayload(trimmed);
  if (rated) return { kind: "entry_rating", ...rated };
  const detail = parseDetailPayload(trimmed);
  if (detail) return { kind: "detail", ...detail };
  const numbered = NUMBERED_TITLE.exec(trimmed);
  if (numbered) return { kind: "choice", index: Number(numbered[1]), title: numbered[2] };
  const choice = CHOICE.exec(trimmed);
  if (choice) return { kind: "choice", index: Number(choice[1]) };
  return null;
}

/** How titles are compared: case, spacing and Unicode form do not matter. */
export function titleKey(title: string): string {
  return title.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}
