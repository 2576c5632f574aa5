import { z } from "zod";
import type { DbOrTx } from "../staff/audit.js";

/** Knowledge settings changed in the app, kept in the Setting table as JSON. */
export const knowledgeSettingsSchema = z.object({
  /** A draft must be published by someone other than its author (another editor or an admin). */
  requireApproval: z.boolean().default(false),
  /** What an entry nobody edited locally does when knowledge/ ships a new version: publish it, or wait as a draft. */
  upstreamFollow: z.enum(["publish", "draft"]).default("publish"),
});
export type KnowledgeSettings = z.infer<typeof knowledgeSettingsSchema>;

const KEY = "knowledge";

export async function readKnowledgeSettings(db: DbOrTx): Promise<KnowledgeSettings> {
  const row = await db.setting.findUnique({ where: { key: KEY } });
  const parsed = knowledgeSettingsSchema.safeParse(row ? JSON.parse(row.value) : {});
  return parsed.success ? parsed.data : knowledgeSettingsSchema.parse({});
}

export async function writeKnowledgeSettings(db: DbOrTx, settings: KnowledgeSettings): Promise<void> {
  const value = JSON.stringify(knowledgeSettingsSchema.parse(settings));
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } });
}
