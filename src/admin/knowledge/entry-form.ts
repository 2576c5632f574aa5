import { TOPIC_LABELS } from "../../knowledge/topic-labels.js";
import { TOPICS } from "../../knowledge/topics.js";
import { list, text } from "../form.js";

/** The entry editing form: one field per entry field, named by its path in the YAML (procedure.fee …). */

type Kind = "text" | "textarea" | "lines" | "pairs" | "select" | "checks" | "number" | "date";

export interface FieldDef {
  name: string;
  label: string;
  kind: Kind;
  hint?: string;
  optional?: boolean;
  options?: [string, string][];
}

const topicOptions: [string, string][] = TOPICS.map((t) => [t, TOPIC_LABELS[t] ?? t]);

export const MAIN_FIELDS: FieldDef[] = [
  { name: "title", label: "Tiêu đề (hiện trên nút bấm)", kind: "text", hint: "Tối đa 80 ký tự, không trùng với mục khác." },
  { name: "topic", label: "Chủ đề", kind: "select", options: topicOptions },
  { name: "kind", label: "Loại mục", kind: "select", options: [["procedure", "Thủ tục hành chính"], ["guide", "Hướng dẫn"], ["faq", "Hỏi đáp"]] },
  { name: "answer", label: "Câu trả lời đầu tiên", kind: "textarea", hint: "Chữ thường, không định dạng, tối đa 600 ký tự. Có thể dùng {{province.hotline}}, {{province.name}}…" },
  { name: "questions", label: "Câu hỏi mẫu (mỗi dòng một câu)", kind: "lines", hint: "Ít nhất 8 câu, viết như người dân hỏi, có dấu và không dấu." },
  { name: "keywords", label: "Từ khoá (mỗi dòng một từ)", kind: "lines" },
  { name: "steps", label: "Các bước (hướng dẫn; mỗi dòng một bước)", kind: "lines", optional: true },
  { name: "links", label: "Liên kết (mỗi dòng: tên | địa chỉ)", kind: "pairs", optional: true },
  { name: "sources", label: "Nguồn (mỗi dòng: tên văn bản | địa chỉ, địa chỉ có thể bỏ trống)", kind: "pairs" },
  { name: "verified_on", label: "Ngày kiểm tra thông tin", kind: "date" },
  { name: "needs_review", label: "Cần rà soát (để trống nếu đã xác nhận hết)", kind: "textarea", optional: true, hint: "Ghi rõ thông tin nào chưa xác nhận được và vì sao." },
  { name: "valid_until", label: "Thông tin có hiệu lực đến ngày", kind: "date", optional: true, hint: "Sau ngày này Trợ lý không trả lời như thông tin hiện hành mà mời gặp cán bộ." },
  { name: "expiring_fact", label: "Thông tin nào hết hiệu lực", kind: "text", optional: true },
  { name: "review_by", label: "Rà soát lại trước ngày", kind: "date", optional: true },
  { name: "handoff", label: "Chuyển cán bộ", kind: "select", optional: true, options: [["", "Không"], ["offer", "Trả lời rồi mời gặp cán bộ"], ["always", "Trả lời rồi chuyển cán bộ ngay"]] },
  { name: "match.answer_threshold", label: "Ngưỡng trả lời riêng (0–1, để trống dùng mặc định)", kind: "number", optional: true },
  { name: "match.not_about", label: "Không phải về (mỗi dòng một cụm từ)", kind: "lines", optional: true },
];

export const PROCEDURE_FIELDS: FieldDef[] = [
  { name: "procedure.code", label: "Mã thủ tục trên CSDL quốc gia", kind: "text", optional: true, hint: "Để trống nếu chưa xác nhận." },
  { name: "procedure.level", label: "Cấp thực hiện", kind: "checks", options: [["commune", "Xã, phường"], ["province", "Tỉnh"], ["central", "Trung ương"]] },
  { name: "procedure.agency", label: "Cơ quan giải quyết", kind: "text" },
  { name: "procedure.documents", label: "Giấy tờ cần chuẩn bị (mỗi dòng một loại)", kind: "lines" },
  { name: "procedure.steps", label: "Các bước thực hiện (mỗi dòng một bước)", kind: "lines" },
  { name: "procedure.processing_time", label: "Thời gian giải quyết", kind: "text" },
  { name: "procedure.fee", label: "Lệ phí", kind: "textarea" },
  { name: "procedure.online.mode", label: "Nộp trực tuyến", kind: "select", options: [["full", "Toàn trình"], ["partial", "Một phần"], ["none", "Chưa hỗ trợ"]] },
  { name: "procedure.online.url", label: "Địa chỉ nộp trực tuyến", kind: "text", optional: true },
  { name: "procedure.online.note", label: "Ghi chú nộp trực tuyến", kind: "text", optional: true },
  { name: "procedure.payment", label: "Cách nộp tiền", kind: "text" },
  { name: "procedure.result", label: "Nhận kết quả", kind: "text" },
  { name: "procedure.legal_basis", label: "Căn cứ pháp lý (mỗi dòng một văn bản)", kind: "lines" },
];

export const ALL_FIELDS = [...MAIN_FIELDS, ...PROCEDURE_FIELDS];

type Body = Record<string, unknown> | undefined;
type Obj = Record<string, unknown>;

function readField(body: Body, f: FieldDef): unknown {
  const raw = text(body, f.name).replace(/\r\n/g, "\n");
  const empty = raw.trim() === "";
  if (f.kind === "checks") return list(body, f.name);
  if (empty && f.optional) return undefined;
  if (f.kind === "lines") return raw.split("\n").map((l) => l.trim()).filter(Boolean);
  if (f.kind === "pairs") return raw.split("\n").map((l) => l.trim()).filter(Boolean).map(pair);
  if (f.kind === "number") return Number(raw.replace(",", "."));
  return raw.trim();
}

function pair(line: string): Obj {
  const at = line.lastIndexOf("|");
  const [title, url] = at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  return url ? { title, url } : { title };
}

function setPath(target: Obj, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Obj;
  node[parts.at(-1) as string] = value;
}

/** The submitted form as an entry object for the zod schema (which then says what is wrong, and where). */
export function formToEntry(body: Body, id: string): Obj {
  const entry: Obj = { id };
  const fields = text(body, "kind") === "procedure" ? ALL_FIELDS : MAIN_FIELDS;
  for (const f of fields) {
    const value = readField(body, f);
    if (value !== undefined) setPath(entry, f.name, value);
  }
  if (entry.needs_review === undefined) entry.needs_review = false;
  if (entry.procedure && (entry.procedure as Obj).code === undefined) (entry.procedure as Obj).code = null;
  return entry;
}

function getPath(source: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, p) => (node && typeof node === "object" ? (node as Obj)[p] : undefined), source);
}

/** An entry (or the content of a version) as the form's field values. */
export function entryToForm(entry: unknown): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const f of ALL_FIELDS) {
    const v = getPath(entry, f.name);
    if (f.kind === "checks") form[f.name] = Array.isArray(v) ? v.map(String) : [];
    else if (f.kind === "pairs") form[f.name] = Array.isArray(v) ? v.map((p: Obj) => (p.url ? `${String(p.title)} | ${String(p.url)}` : String(p.title))).join("\n") : "";
    else if (Array.isArray(v)) form[f.name] = v.join("\n");
    else form[f.name] = v === undefined || v === null || v === false ? "" : String(v);
  }
  return form;
}

/** The form field a problem belongs to ("sources.0.url" → "sources"); "" when it is about the whole entry. */
export function fieldOf(path: string): string {
  const match = ALL_FIELDS.filter((f) => path === f.name || path.startsWith(`${f.name}.`)).sort((a, b) => b.name.length - a.name.length)[0];
  return match?.name ?? (path.startsWith("procedure") ? "kind" : "");
}
