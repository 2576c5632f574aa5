import type { OfficeCalendar } from "./calendar-schema.js";
import { isOfficeOpen, localDay, nextOpening, officeMsBetween } from "./office-hours.js";
import { FALLBACK_TEAM } from "./routing.js";

/** No open handoff means the citizen is with the assistant. */
export type HandoffStatus = "waiting" | "with_agent" | "closed";
export type HandoffReason = "asked" | "repeated_failure" | "not_helpful" | "entry_always" | "entry_offer_accepted" | "oa_manager";

export interface HandoffSnapshot {
  status: HandoffStatus;
  reason: HandoffReason;
  teamSlug: string;
  assigneeId: number | null;
  createdAt: number;
  claimedAt: number | null;
  firstResponseAt: number | null;
  closedAt: number | null;
  lastStaffReplyAt: number | null;
  outOfHoursNoticeDay: string | null;
  viaOaManager: boolean;
}

export type HandoffEvent =
  | { type: "open"; reason: HandoffReason; teamSlug: string }
  | { type: "citizen_message" }
  | { type: "assign"; agentId: number; how: "auto" | "claim" }
  | { type: "staff_reply"; agentId: number }
  | { type: "oa_manager_reply" }
  | { type: "transfer"; teamSlug: string }
  | { type: "release" }
  | { type: "close" };

export type HandoffEffect =
  | { type: "acknowledge"; outOfHours: boolean; nextOpening: number | null }
  | { type: "out_of_hours_notice"; nextOpening: number }
  | { type: "notify_team"; teamSlug: string }
  | { type: "alert_lead"; teamSlug: string }
  | { type: "closing_message" }
  | { type: "status_changed"; from: HandoffStatus | null; to: HandoffStatus };

export interface Transition {
  snapshot: HandoffSnapshot | null;
  effects: HandoffEffect[];
}

export class InvalidTransition extends Error {
  override readonly name = "InvalidTransition";
}

export const STATUS_LABELS: Record<HandoffStatus | "assistant", string> = {
  assistant: "Trợ lý đang trả lời",
  waiting: "Đang chờ cán bộ",
  with_agent: "Cán bộ đang hỗ trợ",
  closed: "Đã kết thúc",
};

type OpenSnapshot = HandoffSnapshot & { status: "waiting" | "with_agent" };

export function isOpen(s: HandoffSnapshot | null): s is OpenSnapshot {
  return s !== null && s.status !== "closed";
}

function requireOpen(s: HandoffSnapshot | null): OpenSnapshot {
  if (s?.status === "closed") throw new InvalidTransition("Cuộc trò chuyện đã kết thúc.");
  if (!isOpen(s)) throw new InvalidTransition("Người dân chưa được chuyển sang cán bộ.");
  return s;
}

const statusChange = (from: HandoffStatus | null, to: HandoffStatus): HandoffEffect[] =>
  from === to ? [] : [{ type: "status_changed", from, to }];

function fresh(reason: HandoffReason, teamSlug: string, now: number): HandoffSnapshot {
  return {
    status: "waiting", reason, teamSlug, assigneeId: null, createdAt: now, claimedAt: null, firstResponseAt: null,
    closedAt: null, lastStaffReplyAt: null, outOfHoursNoticeDay: null, viaOaManager: false,
  };
}

/** A new handoff always starts a new record, so its history begins from null even after a closed one. */
function open(s: HandoffSnapshot | null, reason: HandoffReason, teamSlug: string, now: number, cal: OfficeCalendar): Transition {
  if (isOpen(s)) return { snapshot: s, effects: [] };
  const outOfHours = !isOfficeOpen(cal, now);
  // The acknowledgement already tells when the office opens: it counts as today's notice.
  const snapshot = { ...fresh(reason, teamSlug, now), outOfHoursNoticeDay: outOfHours ? localDay(now) : null };
  const effects: HandoffEffect[] = [...statusChange(null, "waiting")];
  if (reason !== "oa_manager") effects.push({ type: "acknowledge", outOfHours, nextOpening: outOfHours ? nextOpening(cal, now) : null });
  effects.push({ type: "notify_team", teamSlug });
  return { snapshot, effects };
}

/** A cán bộ answering right now (from OA Manager, or within this long) needs no "out of hours" from us. */
export const STAFF_ACTIVE_MS = 60 * 60 * 1000;

function citizenMessage(s: OpenSnapshot, now: number, cal: OfficeCalendar): Transition {
  const today = localDay(now);
  const staffActive = s.viaOaManager || (s.lastStaffReplyAt !== null && now - s.lastStaffReplyAt < STAFF_ACTIVE_MS);
  if (staffActive || isOfficeOpen(cal, now) || s.outOfHoursNoticeDay === today) return { snapshot: s, effects: [] };
  return { snapshot: { ...s, outOfHoursNoticeDay: today }, effects: [{ type: "out_of_hours_notice", nextOpening: nextOpening(cal, now) }] };
}

/** An admin's claim on a conversation someone already has is a reassignment; the policy decides who may. */
function assign(s: OpenSnapshot, agentId: number, how: "auto" | "claim", now: number): Transition {
  if (s.status === "with_agent" && how === "auto") throw new InvalidTransition("Cuộc trò chuyện đã có cán bộ nhận.");
  if (s.status === "with_agent" && s.assigneeId === agentId) return { snapshot: s, effects: [] };
  return { snapshot: { ...s, status: "with_agent", assigneeId: agentId, claimedAt: now }, effects: statusChange(s.status, "with_agent") };
}

function staffReply(s: OpenSnapshot, agentId: number, now: number): Transition {
  const snapshot: HandoffSnapshot = {
    ...s,
    status: "with_agent",
    assigneeId: s.assigneeId ?? agentId,
    claimedAt: s.claimedAt ?? now,
    firstResponseAt: s.firstResponseAt ?? now,
    lastStaffReplyAt: now,
  };
  return { snapshot, effects: statusChange(s.status, "with_agent") };
}

function oaManagerReply(s: HandoffSnapshot | null, now: number): Transition {
  const base = isOpen(s) ? s : fresh("oa_manager", FALLBACK_TEAM, now);
  const snapshot: HandoffSnapshot = {
    ...base,
    status: "with_agent",
    viaOaManager: true,
    claimedAt: base.claimedAt ?? now,
    firstResponseAt: base.firstResponseAt ?? now,
    lastStaffReplyAt: now,
  };
  return { snapshot, effects: statusChange(isOpen(s) ? s.status : null, "with_agent") };
}

function toQueue(s: OpenSnapshot, teamSlug: string): HandoffSnapshot {
  return { ...s, status: "waiting", teamSlug, assigneeId: null, claimedAt: null, viaOaManager: false };
}

function transfer(s: OpenSnapshot, teamSlug: string): Transition {
  if (s.status === "waiting" && s.teamSlug === teamSlug) return { snapshot: s, effects: [] };
  return { snapshot: toQueue(s, teamSlug), effects: [...statusChange(s.status, "waiting"), { type: "notify_team", teamSlug }] };
}

function release(s: OpenSnapshot): Transition {
  if (s.status !== "with_agent") throw new InvalidTransition("Cuộc trò chuyện chưa có cán bộ nhận.");
  const team = s.teamSlug;
  return {
    snapshot: toQueue(s, team),
    effects: [...statusChange(s.status, "waiting"), { type: "notify_team", teamSlug: team }, { type: "alert_lead", teamSlug: team }],
  };
}

function close(s: OpenSnapshot, now: number): Transition {
  return { snapshot: { ...s, status: "closed", closedAt: now }, effects: [...statusChange(s.status, "closed"), { type: "closing_message" }] };
}

export function transition(s: HandoffSnapshot | null, e: HandoffEvent, now: number, cal: OfficeCalendar): Transition {
  switch (e.type) {
    case "open": return open(s, e.reason, e.teamSlug, now, cal);
    case "oa_manager_reply": return oaManagerReply(s, now);
    case "citizen_message": return citizenMessage(requireOpen(s), now, cal);
    case "assign": return assign(requireOpen(s), e.agentId, e.how, now);
    case "staff_reply": return staffReply(requireOpen(s), e.agentId, now);
    case "transfer": return transfer(requireOpen(s), e.teamSlug);
    case "release": return release(requireOpen(s));
    case "close": return close(requireOpen(s), now);
  }
}

/** A claimed conversation nobody answered within the limit (office time) goes back to the queue. */
export function releaseDue(s: HandoffSnapshot | null, now: number, cal: OfficeCalendar, noReplyOfficeMs: number): boolean {
  if (s?.status !== "with_agent" || s.viaOaManager || s.claimedAt === null) return false;
  if (s.lastStaffReplyAt !== null && s.lastStaffReplyAt >= s.claimedAt) return false;
  return officeMsBetween(cal, s.claimedAt, now) >= noReplyOfficeMs;
}
