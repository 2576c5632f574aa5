import { normaliseText, type MatchReason } from "../matching/index.js";
import type { KnowledgeSnapshot } from "./snapshot.js";

export const REASON_TEXTS: Record<MatchReason, string> = {
  intent: "Câu hội thoại (chào, cảm ơn, gặp cán bộ…): trả lời bằng ý định, không bằng mục tri thức.",
  confident: "Đủ tin cậy: trả lời thẳng bằng mục đứng đầu.",
  sibling: "Trả lời bằng mục đứng đầu, kèm mục cùng chủ đề có điểm sát nút để người dân chọn.",
  ambiguous: "Chưa chắc: đưa ra tối đa 3 mục để người dân chọn.",
  not_about: "Câu hỏi có cụm từ mà mục đứng đầu ghi là \"không phải về\": chỉ gợi ý, không trả lời thẳng.",
  out_of_scope: "Chủ đề ngoài phạm vi (bảng từ đồng nghĩa, nhóm out_of_scope): không trả lời bằng mục nào.",
  low_confidence: "Độ tin cậy thấp: không trả lời, mời hỏi lại hoặc gặp cán bộ.",
  no_match: "Không nhận ra từ nào trong cơ sở tri thức.",
};

const BAND_TEXTS = { answer: "Trả lời", suggest: "Gợi ý để chọn", fallback: "Không trả lời được" } as const;

export interface ConsoleView {
  normalised: string;
  band: string;
  reason: string;
  confidence: number;
  top: string | null;
  candidates: { id: string; kind: string; title: string; score: number; coverage: number; containment: number }[];
}

/** What the matcher of one snapshot does with a question, with the rule that decided, for the test console. */
export function explainQuestion(snapshot: KnowledgeSnapshot, question: string): ConsoleView {
  const result = snapshot.matcher.match(question);
  const candidates = snapshot.matcher.explain(question).slice(0, 6).map((c) => ({
    id: c.id, kind: c.kind === "intent" ? "ý định" : "mục", title: c.title, score: round(c.score), coverage: round(c.signals.coverage), containment: round(c.signals.containment),
  }));
  return {
    normalised: normaliseText(question),
    band: BAND_TEXTS[result.band],
    reason: result.reason ? REASON_TEXTS[result.reason] : "",
    confidence: round(result.confidence),
    top: result.top ? `${result.top.title} (${result.top.id})` : null,
    candidates,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
