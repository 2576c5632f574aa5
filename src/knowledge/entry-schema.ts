import { z } from "zod";
import { TOPICS } from "./topics.js";

const text = z.string().trim().min(1, "không được để trống");
const isoDate = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "phải là ngày dạng YYYY-MM-DD" });
    return z.NEVER;
  }
  return s;
});

export const MAX_ANSWER_CHARS = 600;

export const sourceSchema = z.object({ title: text, url: z.string().url("URL không hợp lệ").optional() }).strict();

const onlineSchema = z
  .object({
    mode: z.enum(["full", "partial", "none"]),
    url: z.string().url("URL không hợp lệ").optional(),
    note: text.optional(),
  })
  .strict();

export const procedureSchema = z
  .object({
    code: z.union([text, z.null()]),
    level: z.array(z.enum(["commune", "province", "central"])).min(1),
    agency: text,
    documents: z.array(text).min(1),
    steps: z.array(text).min(1),
    processing_time: text,
    fee: text,
    online: onlineSchema,
    payment: text,
    result: text,
    legal_basis: z.array(text).min(1),
  })
  .strict();

const entryObject = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "chỉ gồm chữ thường không dấu, số và dấu gạch ngang"),
    topic: z.enum(TOPICS, { errorMap: () => ({ message: "chủ đề không có trong danh sách (src/knowledge/topics.ts)" }) }),
    kind: z.enum(["procedure", "guide", "faq"]),
    title: text.max(80, "tối đa 80 ký tự"),
    questions: z.array(text).min(8, "cần ít nhất 8 câu hỏi mẫu"),
    keywords: z.array(text).min(1, "cần ít nhất một từ khoá"),
    answer: text.refine((a) => [...a].length <= MAX_ANSWER_CHARS, `tối đa ${MAX_ANSWER_CHARS} ký tự`),
    procedure: procedureSchema.optional(),
    steps: z.array(text).optional(),
    links: z.array(z.object({ title: text, url: z.string().url("URL không hợp lệ") }).strict()).optional(),
    sources: z.array(sourceSchema).min(1, "cần ít nhất một nguồn chính thức"),
    verified_on: isoDate,
    needs_review: z.union([z.literal(false), text]).default(false),
    /** After this day the facts below are no longer quoted as current (a fee reduction that ends, say). */
    valid_until: isoDate.optional(),
    /** What stops being valid on valid_until, in words a citizen understands. */
    expiring_fact: text.optional(),
    /** The day by which a cán bộ should check the entry again. */
    review_by: isoDate.optional(),
    /** always: answer, then hand over to a cán bộ (complaints, a citizen's own dossier); offer: answer and offer one. */
    handoff: z.enum(["always", "offer"]).optional(),
    match: z
      .object({ answer_threshold: z.number().min(0).max(1).optional(), not_about: z.array(text).optional() })
      .strict()
      .optional(),
  })
  .strict();

function checkEntry(entry: z.infer<typeof entryObject>, ctx: z.RefinementCtx): void {
  if (entry.kind === "procedure" && !entry.procedure) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["procedure"], message: "thủ tục (kind: procedure) cần phần procedure" });
  }
  if (entry.expiring_fact && !entry.valid_until) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["valid_until"], message: "cần ngày hết hiệu lực khi có expiring_fact" });
  }
  if (entry.kind !== "procedure" && entry.procedure) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["procedure"], message: "chỉ kind: procedure mới có phần procedure" });
  }
}

export const entrySchema = entryObject.superRefine(checkEntry);

/**
 * A proposed draft (from a cán bộ's reply): the same fields, but the example questions, keywords and
 * sources may still be missing. It is kept as a draft and cannot be published until entrySchema accepts it.
 */
export const proposedEntrySchema = entryObject
  .extend({ questions: z.array(text).min(1, "cần ít nhất 1 câu hỏi mẫu"), keywords: z.array(text), sources: z.array(sourceSchema) })
  .strict()
  .superRefine(checkEntry);

export type KnowledgeEntry = z.infer<typeof entrySchema>;
export type ProcedureDetails = z.infer<typeof procedureSchema>;

export const intentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    questions: z.array(text).min(1),
    reply: text,
  })
  .strict();

export type Intent = z.infer<typeof intentSchema>;
