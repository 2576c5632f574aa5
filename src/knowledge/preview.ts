import { splitMessage } from "../channel/zalo/client.js";
import type { KnowledgeEntry } from "./entry-schema.js";
import { isExpired } from "./expiry.js";
import type { OutgoingMessage } from "./message.js";
import { DETAIL_SECTIONS, type AnswerRenderer, type DetailSection } from "./render.js";

export interface PreviewPart {
  /** What the citizen does to get it: the question, or the button they tap. */
  trigger: string;
  /** The Zalo messages exactly as sent: long texts split, buttons on the last one. */
  messages: OutgoingMessage[];
}

/** The answer and each detail button of an entry, rendered and split as the citizen receives them. */
export function previewEntry(entry: KnowledgeEntry, renderer: AnswerRenderer, now: number): PreviewPart[] {
  if (isExpired(entry, now)) return [{ trigger: "Câu hỏi của người dân (thông tin đã quá ngày hiệu lực)", messages: splitMessage(renderer.expired(entry)) }];
  const answer = renderer.answer(entry);
  const sections = (answer.buttons ?? []).flatMap((b) => (b.kind === "query" ? sectionOf(b.payload) : []));
  return [
    { trigger: "Câu hỏi của người dân", messages: splitMessage(answer) },
    ...sections.map((s) => ({ trigger: `Bấm nút "${DETAIL_SECTIONS[s]}"`, messages: splitMessage(renderer.detail(entry, s)) })),
  ];
}

function sectionOf(payload: string): DetailSection[] {
  return (Object.keys(DETAIL_SECTIONS) as DetailSection[]).filter((s) => payload.startsWith(`${DETAIL_SECTIONS[s]}: `));
}
