import { Prisma } from "../generated/prisma/client.js";
import type { Database } from "./database.js";

export interface NewEvent {
  dedupeKey: string;
  eventName: string;
  userId: string | null;
  payload: string;
  status?: "pending" | "ignored";
}

/** Stores a verified event once; a redelivery (same key) is reported, not stored again. */
export async function storeEvent(db: Database, event: NewEvent): Promise<{ id: number; duplicate: boolean }> {
  try {
    const row = await db.inboundEvent.create({ data: { ...event, status: event.status ?? "pending" } });
    return { id: row.id, duplicate: false };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db.inboundEvent.findUniqueOrThrow({ where: { dedupeKey: event.dedupeKey } });
      return { id: existing.id, duplicate: true };
    }
    throw error;
  }
}

export function pendingEvents(db: Database) {
  return db.inboundEvent.findMany({ where: { status: "pending" }, orderBy: { id: "asc" }, select: { id: true, userId: true } });
}
