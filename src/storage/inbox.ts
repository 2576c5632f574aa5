import type { Database } from "./database.js";

export interface NewEvent {
  dedupeKey: string;
  eventName: string;
  userId: string | null;
  payload: string;
  status?: "pending" | "ignored";
}

/**
 * Stores a verified event once; a redelivery (same key) is reported, not stored again. This is
 * the one statement on the acknowledgement path, so it is plain SQL (valid for SQLite and
 * PostgreSQL): Prisma's typed create costs ~5× more CPU here and that CPU delays every ack.
 */
export async function storeEvent(db: Database, event: NewEvent): Promise<{ id: number; duplicate: boolean }> {
  const inserted = await db.$queryRaw<Array<{ id: number | bigint }>>`
    INSERT INTO "InboundEvent" ("dedupeKey", "eventName", "userId", "payload", "status", "receivedAt")
    VALUES (${event.dedupeKey}, ${event.eventName}, ${event.userId}, ${event.payload}, ${event.status ?? "pending"}, ${new Date()})
    ON CONFLICT ("dedupeKey") DO NOTHING
    RETURNING "id"`;
  if (inserted[0]) return { id: Number(inserted[0].id), duplicate: false };
  const existing = await db.inboundEvent.findUniqueOrThrow({ where: { dedupeKey: event.dedupeKey }, select: { id: true } });
  return { id: existing.id, duplicate: true };
}

export function pendingEvents(db: Database) {
  return db.inboundEvent.findMany({ where: { status: "pending" }, orderBy: { id: "asc" }, select: { id: true, userId: true } });
}
