import { TOPIC_LABELS } from "../knowledge/topic-labels.js";
import type { Database } from "../storage/database.js";
import { waitTone } from "./assignment.js";
import type { OfficeCalendar } from "./calendar-schema.js";
import { officeMsBetween } from "./office-hours.js";
import { OPEN_STATUSES } from "./records.js";
import { describeWindow, replyWindow, windowTone } from "./reply-window.js";
import { STATUS_LABELS, type HandoffStatus } from "./state-machine.js";

/** What the inbox pages show, read from the database; no HTTP here. */

export const REASON_LABELS: Record<string, string> = {
  asked: "Người dân yêu cầu gặp cán bộ",
  repeated_failure: "Trợ lý không trả lời được",
  not_helpful: "Người dân báo câu trả lời chưa giúp được",
  entry_always: "Việc cần cán bộ xem trực tiếp",
  entry_offer_accepted: "Người dân nhận lời gặp cán bộ",
  oa_manager: "Cán bộ nhắn từ OA Manager",
};

export interface InboxItem {
  id: number;
  reasonLabel: string;
  status: HandoffStatus;
  statusLabel: string;
  teamId: number;
  teamName: string;
  topic: string | null;
  topicLabel: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  createdAt: Date;
  waited: string;
  waitTone: "ok" | "warn" | "danger";
  window: string;
  windowTone: "ok" | "warn" | "danger";
  unread: number;
  viaOaManager: boolean;
}

export interface InboxQueue {
  teamId: number;
  teamName: string;
  waiting: InboxItem[];
  active: InboxItem[];
}

export interface InboxListing {
  mine: InboxItem[];
  queues: InboxQueue[];
  unread: number;
}

export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "dưới 1 phút";
  if (minutes < 60) return `${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? `${hours} giờ ${minutes % 60} phút` : `${Math.floor(hours / 24)} ngày ${hours % 24} giờ`;
}

/** Open conversations of the given teams, grouped into queues, and the ones assigned to this agent. */
export async function listInbox(db: Database, teamIds: number[], agentId: number, cal: OfficeCalendar, now: number): Promise<InboxListing> {
  const [teams, rows] = await Promise.all([
    db.team.findMany({ where: { id: { in: teamIds } }, orderBy: { name: "asc" } }),
    db.handoff.findMany({ where: { status: { in: OPEN_STATUSES }, teamId: { in: teamIds } }, orderBy: { createdAt: "asc" }, include: { team: true } }),
  ]);
  const users = await namesOf(db, rows.map((r) => r.assigneeId));
  const lastSeen = await lastInteractions(db, rows.map((r) => r.userId));
  const items = rows.map((r) => toItem(r, users, lastSeen.get(r.userId) ?? r.createdAt.getTime(), cal, now));
  const queues = teams.map((t) => ({
    teamId: t.id,
    teamName: t.name,
    waiting: items.filter((i) => i.teamId === t.id && i.status === "waiting"),
    active: items.filter((i) => i.teamId === t.id && i.status === "with_agent"),
  }));
  const mine = items.filter((i) => i.assigneeId === agentId);
  return { mine, queues, unread: items.reduce((n, i) => n + (i.assigneeId === agentId || i.status === "waiting" ? i.unread : 0), 0) };
}

type Row = Awaited<ReturnType<Database["handoff"]["findMany"]>>[number] & { team: { name: string } };

export function toItem(r: Row, users: Map<number, string>, lastInteraction: number, cal: OfficeCalendar, now: number): InboxItem {
  const waitedMs = officeMsBetween(cal, r.createdAt.getTime(), r.claimedAt?.getTime() ?? now);
  const w = replyWindow(lastInteraction, now);
  return {
    id: r.id,
    reasonLabel: REASON_LABELS[r.reason] ?? r.reason,
    status: r.status as HandoffStatus,
    statusLabel: r.viaOaManager && r.status === "with_agent" ? "Cán bộ đang hỗ trợ (OA Manager)" : STATUS_LABELS[r.status as HandoffStatus],
    teamId: r.teamId,
    teamName: r.team.name,
    topic: r.topic,
    topicLabel: r.topic ? ((TOPIC_LABELS as Record<string, string>)[r.topic] ?? r.topic) : null,
    assigneeId: r.assigneeId,
    assigneeName: r.assigneeId ? (users.get(r.assigneeId) ?? null) : null,
    createdAt: r.createdAt,
    waited: formatDuration(waitedMs),
    waitTone: r.status === "waiting" ? waitTone(waitedMs) : "ok",
    window: describeWindow(w),
    windowTone: windowTone(w),
    unread: r.unread,
    viaOaManager: r.viaOaManager,
  };
}

export async function namesOf(db: Database, ids: Array<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.staffUser.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

async function lastInteractions(db: Database, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.conversation.findMany({ where: { userId: { in: [...new Set(userIds)] } }, select: { userId: true, lastInteractionAt: true } });
  return new Map(rows.map((r) => [r.userId, r.lastInteractionAt.getTime()]));
}
