import type { Database } from "../storage/database.js";
import type { OfficeCalendar } from "./calendar-schema.js";
import { namesOf, toItem, type InboxItem } from "./inbox-queries.js";
import { STATUS_LABELS, type HandoffStatus } from "./state-machine.js";

export interface TranscriptView {
  id: number;
  at: Date;
  author: string;
  authorLabel: string;
  text: string;
  delivery: "sent" | "pending" | "failed" | null;
  deliveryError: string | null;
}

export interface ConversationView {
  item: InboxItem;
  userId: string;
  transcript: TranscriptView[];
  history: Array<{ at: Date; label: string; actor: string | null; detail: string | null }>;
}

const AUTHOR_LABELS: Record<string, string> = {
  citizen: "Công dân",
  assistant: "Trợ lý",
  staff: "Cán bộ",
  oa_manager: "Cán bộ (OA Manager)",
  note: "Ghi chú nội bộ",
  system: "Tin tự động",
};

/** The whole history of one citizen's conversation, as the agent reads it. */
export async function conversationView(db: Database, handoffId: number, cal: OfficeCalendar, now: number): Promise<ConversationView | null> {
  const row = await db.handoff.findUnique({ where: { id: handoffId }, include: { team: true, events: { orderBy: { id: "asc" } } } });
  if (!row) return null;
  const [conversation, lines] = await Promise.all([
    db.conversation.findUnique({ where: { userId: row.userId } }),
    db.transcriptMessage.findMany({ where: { userId: row.userId }, orderBy: { id: "desc" }, take: 200 }),
  ]);
  const outbound = await db.outboundMessage.findMany({
    where: { id: { in: lines.map((l) => l.outboundId).filter((i): i is number => i !== null) } },
    select: { id: true, status: true, lastError: true },
  });
  const delivery = new Map(outbound.map((o) => [o.id, o]));
  const names = await namesOf(db, [row.assigneeId, ...lines.map((l) => l.staffId), ...row.events.map((e) => e.actorId)]);
  const transcript = lines.reverse().map((l): TranscriptView => {
    const sent = l.outboundId ? delivery.get(l.outboundId) : undefined;
    const status = sent ? (sent.status === "sent" ? "sent" : sent.status === "pending" ? "pending" : "failed") : null;
    const staffName = l.staffId ? names.get(l.staffId) : undefined;
    return {
      id: l.id,
      at: l.at,
      author: l.author,
      authorLabel: staffName ? `${AUTHOR_LABELS[l.author] ?? l.author}: ${staffName}` : (AUTHOR_LABELS[l.author] ?? l.author),
      text: l.text,
      delivery: status,
      deliveryError: status === "failed" ? (sent?.lastError ?? null) : null,
    };
  });
  const history = row.events.map((e) => ({
    at: e.at,
    label: STATUS_LABELS[e.toStatus as HandoffStatus] ?? e.toStatus,
    actor: e.actorId ? (names.get(e.actorId) ?? null) : null,
    detail: e.detail,
  }));
  const item = toItem(row, names, conversation?.lastInteractionAt.getTime() ?? row.createdAt.getTime(), cal, now);
  return { item, userId: row.userId, transcript, history };
}
