import type { OutgoingMessage } from "../knowledge/message.js";
import type { Transaction } from "../storage/database.js";
import type { LiveEvent } from "./live-bus.js";
import type { OfficeCalendar } from "./office-hours.js";
import { findOpenHandoff, recordStatusChanges, snapshotColumns, teamBySlug, toSnapshot, type HandoffWithTeam } from "./records.js";
import { teamForTopic } from "./routing.js";
import { transition, type HandoffEffect, type HandoffReason, type HandoffSnapshot } from "./state-machine.js";
import { acknowledgement, closingMessage, outOfHoursNotice } from "./texts.js";

/** What a handoff step asks the pipeline to do, inside its transaction and after it commits. */
export interface HandoffOutcome {
  messages: OutgoingMessage[];
  live: LiveEvent[];
  handoffId: number | null;
}

export interface HandoffServiceDeps {
  calendar: OfficeCalendar;
  /** The office hours as citizens read them ("7:30–11:30, 13:30–17:00, thứ Hai – thứ Sáu"). */
  officeHoursText: string;
  now: () => number;
}

/** The handoff steps that happen while a citizen's event is processed: open, a message while waiting, an OA Manager reply. */
export class HandoffService {
  constructor(private readonly deps: HandoffServiceDeps) {}

  findOpen(tx: Transaction, userId: string): Promise<HandoffWithTeam | null> {
    return findOpenHandoff(tx, userId);
  }

  async open(tx: Transaction, userId: string, reason: HandoffReason, topic: string | null, lead?: string): Promise<HandoffOutcome> {
    const existing = await findOpenHandoff(tx, userId);
    if (existing) return { messages: [], live: [], handoffId: existing.id };
    const routes = new Map((await tx.topicRoute.findMany({ include: { team: true } })).map((r) => [r.topic, r.team.slug]));
    const team = await teamBySlug(tx, teamForTopic(topic, routes));
    const now = this.deps.now();
    const step = transition(null, { type: "open", reason, teamSlug: team.slug }, now, this.deps.calendar);
    const snapshot = step.snapshot as HandoffSnapshot;
    const row = await tx.handoff.create({
      data: { ...snapshotColumns(snapshot), userId, topic, teamId: team.id, createdAt: new Date(now), lastCitizenAt: new Date(now), unread: 1 },
      include: { team: true },
    });
    return this.apply(tx, row, step.effects, null, undefined, lead);
  }

  async citizenMessage(tx: Transaction, row: HandoffWithTeam): Promise<HandoffOutcome> {
    const now = this.deps.now();
    const step = transition(toSnapshot(row), { type: "citizen_message" }, now, this.deps.calendar);
    const updated = await tx.handoff.update({
      where: { id: row.id },
      data: { ...snapshotColumns(step.snapshot as HandoffSnapshot), lastCitizenAt: new Date(now), unread: { increment: 1 } },
      include: { team: true },
    });
    const outcome = await this.apply(tx, updated, step.effects, null);
    outcome.live.push({ type: "handoff", handoffId: row.id, teamId: row.teamId, change: "message" });
    return outcome;
  }

  /** A cán bộ wrote from Zalo OA Manager: the conversation is now with a cán bộ, in the inbox too. */
  async oaManagerReply(tx: Transaction, userId: string): Promise<HandoffOutcome> {
    const now = this.deps.now();
    const open = await findOpenHandoff(tx, userId);
    const team = open?.team ?? (await teamBySlug(tx, "chung"));
    const step = transition(open ? toSnapshot(open) : null, { type: "oa_manager_reply" }, now, this.deps.calendar);
    const columns = snapshotColumns(step.snapshot as HandoffSnapshot);
    const row = open
      ? await tx.handoff.update({ where: { id: open.id }, data: columns, include: { team: true } })
      : await tx.handoff.create({ data: { ...columns, userId, teamId: team.id, createdAt: new Date(now) }, include: { team: true } });
    return this.apply(tx, row, step.effects, null);
  }

  /** Turns a transition's effects into history rows, messages to the citizen and live events. */
  async apply(tx: Transaction, row: HandoffWithTeam, effects: HandoffEffect[], actorId: number | null, detail?: string, lead?: string): Promise<HandoffOutcome> {
    await recordStatusChanges(tx, row.id, effects, actorId, detail);
    const messages: OutgoingMessage[] = [];
    const live: LiveEvent[] = [];
    for (const e of effects) {
      if (e.type === "acknowledge") {
        messages.push(acknowledgement(row.reason as HandoffReason, row.team.name, this.deps.officeHoursText, e.nextOpening, e.outOfHours, lead));
      }
      if (e.type === "out_of_hours_notice") messages.push(outOfHoursNotice(e.nextOpening));
      if (e.type === "closing_message") messages.push(closingMessage());
      if (e.type === "notify_team") live.push({ type: "handoff", handoffId: row.id, teamId: row.teamId, change: "opened" });
      if (e.type === "status_changed") live.push({ type: "handoff", handoffId: row.id, teamId: row.teamId, change: "status" });
      if (e.type === "alert_lead") {
        const message = `Cuộc trò chuyện #${row.id} chưa được trả lời đúng hạn và đã trở lại hàng chờ nhóm ${row.team.name}.`;
        live.push({ type: "alert", handoffId: row.id, teamId: row.teamId, leadId: row.team.leadId, message });
      }
    }
    return { messages, live, handoffId: row.id };
  }
}
