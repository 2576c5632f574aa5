import { z } from "zod";

/** A local fact: a confirmed value with its source, or null with what the province must fill in. */
const fact = <T extends z.ZodTypeAny>(value: T) =>
  z.union([
    z.object({ value, source: z.string().min(1), verified_on: z.union([z.string(), z.date()]).optional(), note: z.string().optional() }),
    z.object({ value: z.null(), placeholder: z.string().min(1), note: z.string().optional() }),
  ]);

export const provinceSchema = z
  .object({
    name: fact(z.string().min(1)),
    display_name: fact(z.string().min(1)),
    national_portal_url: fact(z.string().url()),
  })
  .catchall(fact(z.unknown()));

export type Province = z.infer<typeof provinceSchema>;

/** The text a citizen sees for a province fact: its value, or an honest "not configured". */
export function provinceText(province: Province, key: string): string {
  const f = province[key];
  if (!f || f.value === null || f.value === undefined) return "(chưa cập nhật — vui lòng hỏi cán bộ)";
  const v = f.value;
  if (Array.isArray(v)) return v.map(String).join("; ");
  if (typeof v === "object") return Object.values(v as Record<string, unknown>).filter(Boolean).map(String).join(", ");
  return String(v);
}
