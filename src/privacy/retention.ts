import type { Database } from "../storage/database.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPolicy {
  transcriptDays: number;
  rawEventDays: number;
}

export interface Purged {
  transcriptLines: number;
  rawEvents: number;
  outboundBodies: number;
}

/**
 * Deletes what citizens wrote once it is past its retention: transcript lines, and the raw webhook
 * payloads and sent message bodies that repeat it. The event and outbox rows stay (without text) so
 * deduplication and delivery records keep working; the query log is redacted and stays.
 */
export async function purgeExpired(db: Database, policy: RetentionPolicy, now: number): Promise<Purged> {
  const transcriptBefore = new Date(now - policy.transcriptDays * DAY_MS);
  const rawBefore = new Date(now - policy.rawEventDays * DAY_MS);
  const transcript = await db.transcriptMessage.deleteMany({ where: { at: { lt: transcriptBefore } } });
  const raw = await db.inboundEvent.updateMany({
    where: { status: { not: "pending" }, receivedAt: { lt: rawBefore }, payload: { not: "{}" } },
    data: { payload: "{}" },
  });
  const bodies = await db.outboundMessage.updateMany({
    where: { status: { not: "pending" }, createdAt: { lt: transcriptBefore }, body: { not: "{}" } },
    data: { body: "{}" },
  });
  return { transcriptLines: transcript.count, rawEvents: raw.count, outboundBodies: bodies.count };
}
