import { parseDetailPayload, type DetailSection } from "../knowledge/render.js";

/** Typed or tapped commands that bypass matching. */
export type Command =
  | { kind: "detail"; entryId: string; section: DetailSection }
  | { kind: "entry"; entryId: string }
  | { kind: "choice"; index: number };

const CHOICE = /^(?:(?:số|so|câu|cau|chọn|chon|mục|muc)\s*)?([1-9])\s*[.)]?$/iu;
const ENTRY_REFERENCE = /#([a-z0-9]+(?:-[a-z0-9]+)*)\s*$/;

export function parseCommand(text: string): Command | null {
  const trimmed = text.normalize("NFC").trim();
  const detail = parseDetailPayload(trimmed);
  if (detail) return { kind: "detail", ...detail };
  const reference = ENTRY_REFERENCE.exec(trimmed);
  if (reference) return { kind: "entry", entryId: reference[1] as string };
  const choice = CHOICE.exec(trimmed);
  if (choice) return { kind: "choice", index: Number(choice[1]) };
  return null;
}
