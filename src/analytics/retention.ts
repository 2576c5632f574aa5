import type { Database } from "../storage/database.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Blanks the text of queries older than `days` (QUERY_TEXT_RETENTION_DAYS): the row stays, with its
 * band, entry, topic and timing, so every figure is unchanged; only what the citizen wrote is gone.
 * Returns how many texts were blanked.
 */
export async function purgeQueryText(db: Database, days: number, now: number): Promise<number> {
  const result = await db.queryLog.updateMany({ where: { createdAt: { lt: new Date(now - days * DAY_MS) }, text: { not: "" } }, data: { text: "" } });
  return result.count;
}
