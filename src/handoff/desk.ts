import type { OutgoingMessage } from "../knowledge/message.js";
import type { Database, Transaction } from "../storage/database.js";
import type { LiveBus, LiveEvent } from "./live-bus.js";
import type { OfficeCalendar } from "./calendar-schema.js";
import { snapshotColumns, teamBySlug, toSnapshot, type HandoffWithTeam } from "./records.js";
import { replyWindow } from "./reply-window.js";
import type { HandoffService } from "./service.js";
import { InvalidTransition, transition, type HandoffEvent, type HandoffSnapshot } from "./state-machine.js";
import { recordTranscript } from "./transcript.js";

export interface StaffActor {
  id: number;
  username: string;
  displayName: string;
}

export interface OutboxFlusher {
  flushUser(userId: string): Promise<void>;
}

/** A staff action that cannot be done, with the reason in Vietnamese for the cán bộ. */
export class DeskRefusal extends Error {}

export interface DeskDeps {
  db: Database;
  service: HandoffService;
  calendar: OfficeCalendar;
  bus: LiveBus;
  outbox: OutboxFlusher;
  audit: (tx: Transaction, actor: StaffActor, action: string, handoff: HandoffWithTeam, after?: unknown) => Promise<void>;
  now: () => number;
}

/** What cán bộ do to a handed-over conversation: claim, reply, note, transfer, close. Policies are checked by the caller. */
export class HandoffDesk {
  constructor(private readonly deps: DeskDeps) {}

  claim(actor: StaffActor, handoffId: number): Promise<void> {
    return this.step(actor, handoffId, "handoff.claim", { type: "assign", agentId: actor.id, how: "claim" });
  }

  transfer(actor: StaffActor, handoffId: number, teamSlug: string): Promise<void> {
    return this.step(actor, handoffId, "handoff.transfer", { type: "transfer", teamSlug }, { team: teamSlug });
  }

  close(actor: StaffActor, handoffId: number, worthEntry: boolean): Promise<void> {
    return this.step(actor, handoffId, "handoff.close", { type: "close" }, { worthEntry }, { worthEntry, closedById: actor.id, outcome: "resolved" });
  }

  async note(actor: StaffActor, handoffId: number, text: string): Promise<void> {
    const body = cleanText(text);
    const live = await this.deps.db.$transaction(async (tx) => {
      const row = await this.load(tx, handoffId);
      await recordTranscript(tx, [{ userId: row.userId, handoffId, author: "note", staffId: actor.id, text: body }]);
      await this.deps.audit(tx, actor, "handoff.note", row);
      return [{ type: "handoff", handoffId, teamId: row.teamId, change: "message" } satisfies LiveEvent];
    });
    this.publish(live);
  }

  /** Refused before sending when Zalo's window has closed; a send that Zalo refuses later shows as failed in the transcript. */
  async reply(actor: StaffActor, handoffId: number, text: string): Promise<void> {
    const body = cleanText(text);
    const { userId, live } = await this.deps.db.$transaction(async (tx) => {
      const row = await this.load(tx, handoffId);
      await this.ensureReachable(tx, row.userId);
      const step = this.transition(row, { type: "staff_reply", agentId: actor.id });
      const updated = await this.save(tx, row, step.snapshot, { unread: 0 });
      const outbound = await tx.outboundMessage.create({ data: this.outboundRow(row.userId, { text: body }) });
      await recordTranscript(tx, [{ userId: row.userId, handoffId, author: "staff", staffId: actor.id, text: body, outboundId: outbound.id }]);
      const outcome = await this.deps.service.apply(tx, updated, step.effects, actor.id);
      await this.deps.audit(tx, actor, "handoff.reply", row);
      return { userId: row.userId, live: [...outcome.live, { type: "handoff", handoffId, teamId: row.teamId, change: "message" } satisfies LiveEvent] };
    });
    this.publish(live);
    await this.deps.outbox.flushUser(userId);
  }

  private async step(actor: StaffActor, handoffId: number, action: string, event: HandoffEvent, after?: unknown, extra: Record<string, unknown> = {}): Promise<void> {
    const { userId, live, sent } = await this.deps.db.$transaction(async (tx) => {
      const row = await this.load(tx, handoffId);
      const step = this.transition(row, event);
      const team = event.type === "transfer" ? await teamBySlug(tx, event.teamSlug) : row.team;
      const updated = await this.save(tx, row, step.snapshot, { ...extra, teamId: team.id });
      const detail = event.type === "transfer" ? `Chuyển từ nhóm ${row.team.name} sang nhóm ${team.name}` : undefined;
      const outcome = await this.deps.service.apply(tx, updated, step.effects, actor.id, detail);
      if (detail && !step.effects.some((e) => e.type === "status_changed")) {
        await tx.handoffEvent.create({ data: { handoffId: row.id, fromStatus: row.status, toStatus: updated.status, actorId: actor.id, detail } });
      }
      await this.enqueue(tx, row.userId, outcome.messages);
      await this.deps.audit(tx, actor, action, row, after);
      return { userId: row.userId, live: outcome.live, sent: outcome.messages.length > 0 };
    });
    this.publish(live);
    if (sent) await this.deps.outbox.flushUser(userId);
  }

  private async load(tx: Transaction, handoffId: number): Promise<HandoffWithTeam> {
    const row = await tx.handoff.findUnique({ where: { id: handoffId }, include: { team: true } });
    if (!row) throw new DeskRefusal("Không tìm thấy cuộc trò chuyện này.");
    return row;
  }

  private transition(row: HandoffWithTeam, event: HandoffEvent) {
    try {
      return transition(toSnapshot(row), event, this.deps.now(), this.deps.calendar);
    } catch (error) {
      if (error instanceof InvalidTransition) throw new DeskRefusal(error.message);
      throw error;
    }
  }

  private save(tx: Transaction, row: HandoffWithTeam, snapshot: HandoffSnapshot | null, extra: Record<string, unknown>) {
    const columns = snapshot ? snapshotColumns(snapshot) : {};
    return tx.handoff.update({ where: { id: row.id }, data: { ...columns, ...extra }, include: { team: true } });
  }

  private async ensureReachable(tx: Transaction, userId: string): Promise<void> {
    const conversation = await tx.conversation.findUnique({ where: { userId } });
    const last = conversation?.lastInteractionAt.getTime() ?? 0;
    if (replyWindow(last, this.deps.now()).kind === "closed") {
      throw new DeskRefusal(
        "Không gửi được: công dân đã không tương tác với OA quá 7 ngày, Zalo không cho gửi tin tư vấn nữa. Tin nhắn chưa được gửi; hãy chờ công dân nhắn lại.",
      );
    }
  }

  private async enqueue(tx: Transaction, userId: string, messages: OutgoingMessage[]): Promise<void> {
    for (const m of messages) {
      const outbound = await tx.outboundMessage.create({ data: this.outboundRow(userId, m) });
      await recordTranscript(tx, [{ userId, author: "system", text: m.text, outboundId: outbound.id }]);
    }
  }

  /** Due now on the injected clock, so the outbox sends it at once. */
  private outboundRow(userId: string, message: OutgoingMessage) {
    const at = new Date(this.deps.now());
    return { userId, body: JSON.stringify(message), createdAt: at, nextAttemptAt: at };
  }

  private publish(events: LiveEvent[]): void {
    for (const e of events) this.deps.bus.publish(e);
  }
}

function cleanText(text: string): string {
  const body = text.normalize("NFC").trim();
  if (body === "") throw new DeskRefusal("Nội dung đang để trống.");
  if ([...body].length > 2000) throw new DeskRefusal("Tin nhắn dài quá 2.000 ký tự (giới hạn của Zalo). Hãy chia thành nhiều tin.");
  return body;
}
