import { normaliseText } from "../matching/index.js";
import { suggestGaps } from "./gaps.js";
import { mentions, PROBLEM_WORDS, type RuleInput } from "./text-rules.js";

/** The groups of the national index of service to citizens (Quyết định 766/QĐ-TTg, as scored on the portal). */
export const INDEX_GROUPS = {
  transparency: "Công khai, minh bạch",
  timeliness: "Tiến độ, kết quả giải quyết",
  online: "Cung cấp dịch vụ trực tuyến",
  digitisation: "Số hóa hồ sơ",
  satisfaction: "Mức độ hài lòng",
  payment: "Thanh toán trực tuyến",
} as const;

export type IndexGroup = keyof typeof INDEX_GROUPS;

/** Each group's maximum points out of 100, as the national portal scores it in 2026 (payment split out of online services). */
export const INDEX_POINTS: Record<IndexGroup, number> = { transparency: 18, timeliness: 20, online: 12, digitisation: 22, satisfaction: 18, payment: 10 };

/** What the assistant hears that bears on an index group. */
export interface EvidenceKind {
  id: string;
  group: IndexGroup;
  label: string;
}

export const EVIDENCE: readonly EvidenceKind[] = [
  { id: "payment-question", group: "payment", label: "Hỏi về thanh toán trực tuyến" },
  { id: "payment-failure", group: "payment", label: "Thanh toán trực tuyến lỗi hoặc khó hiểu" },
  { id: "online-question", group: "online", label: "Hỏi về nộp hồ sơ trực tuyến" },
  { id: "online-problem", group: "online", label: "Nộp trực tuyến gặp trục trặc" },
  { id: "late", group: "timeliness", label: "Hồ sơ chậm, không rõ tình trạng" },
  { id: "resubmit", group: "digitisation", label: "Phải nộp lại giấy tờ đã có" },
  { id: "complaint", group: "satisfaction", label: "Phản ánh, kiến nghị, không hài lòng" },
];

const PAYMENT = ["thanh toán", "nộp phí", "lệ phí online", "trả phí", "chuyển khoản"];
const ONLINE = ["nộp online", "nộp trực tuyến", "dịch vụ công trực tuyến", "cổng dịch vụ công", "làm online"];
const COMPLAINT = ["phản ánh", "kiến nghị", "khiếu nại", "bức xúc", "không hài lòng", "thái độ", "gây khó dễ", "hạch sách", "tố cáo"];

/** The evidence kinds one query carries. */
export function evidenceOf(q: RuleInput): string[] {
  const gaps = new Set(suggestGaps(q));
  const found: string[] = [];
  const payment = q.topic === "thanh-toan-truc-tuyen" || mentions(q, PAYMENT);
  if (payment) found.push("payment-question");
  const trouble = mentions(q, PROBLEM_WORDS);
  if (gaps.has("online-payment") || (payment && trouble)) found.push("payment-failure");
  const online = q.topic === "nop-ho-so-truc-tuyen" || mentions(q, ONLINE);
  if (online) found.push("online-question");
  if (gaps.has("not-online") || gaps.has("account") || (online && trouble)) found.push("online-problem");
  if (gaps.has("dossier-status")) found.push("late");
  if (gaps.has("resubmit")) found.push("resubmit");
  if (q.topic === "khieu-nai" || mentions(q, COMPLAINT)) found.push("complaint");
  return found;
}

const PLACE = /(?:^| )(xã|phường|thị trấn) ((?:[\p{L}]+ ?){1,2})/u;
const NOT_A_NAME = new Set(["có", "thì", "là", "ở", "của", "nào", "này", "không", "mình", "em", "tôi", "đó", "đấy", "ạ", "nhé", "được", "làm", "nộp", "cho", "với", "và", "để", "mới", "cũ", "em", "bên", "nơi"]);

/**
 * The commune or ward a question names ("ở xã Tân Sơn", "phường Đức Xuân"), in title case, or null.
 * A simple rule: the marker written with its diacritics, then up to two words that are not particles.
 */
export function placeOf(text: string): string | null {
  const m = PLACE.exec(normaliseText(text));
  if (!m) return null;
  const words: string[] = [];
  for (const w of (m[2] ?? "").trim().split(" ")) {
    if (NOT_A_NAME.has(w)) break;
    words.push(w);
  }
  if (words.length === 0) return null;
  return [m[1] as string, ...words].map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
}
