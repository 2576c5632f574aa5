import { userKey } from "../analytics/redact.js";
import type { Transaction } from "../storage/database.js";

export interface Erased {
  conversation: number;
  transcriptLines: number;
  handoffs: number;
  events: number;
  outbound: number;
  queries: number;
}

/**
 * Everything held about one citizen (Luật 91/2025/QH15: the right to deletion), derived rows
 * included: the redacted query log is found by the same keyed hash it was written with.
 */
export async function eraseCitizen(tx: Transaction, zaloUserId: string, secret: string): Promise<Erased> {
  const transcript = await tx.transcriptMessage.deleteMany({ where: { userId: zaloUserId } });
  const handoffs = await tx.handoff.deleteMany({ where: { userId: zaloUserId } });
  const outbound = await tx.outboundMessage.deleteMany({ where: { userId: zaloUserId } });
  const events = await tx.inboundEvent.deleteMany({ where: { userId: zaloUserId } });
  const conversation = await tx.conversation.deleteMany({ where: { userId: zaloUserId } });
  const queries = await tx.queryLog.deleteMany({ where: { userKey: userKey(zaloUserId, secret) } });
  return {
    conversation: conversation.count,
    transcriptLines: transcript.count,
    handoffs: handoffs.count,
    events: events.count,
    outbound: outbound.count,
    queries: queries.count,
  };
}
