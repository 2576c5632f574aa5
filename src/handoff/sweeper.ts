import type { Logger } from "../logger.js";
import type { Database } from "../storage/database.js";
import { pickAgent, type AgentLoad } from "./assignment.js";
import type { OfficeCalendar } from "./calendar-schema.js";
import type { LiveBus, LiveEvent } from "./live-bus.js";
import { snapshotColumns, toSnapshot, type HandoffWithTeam } from "./records.js";
import type { HandoffService } from "./service.js";
import { releaseDue, transition, type HandoffEvent, type HandoffSnapshot } from "./state-machine.js";

/** A conversation taken over from OA Manager goes back to the assistant after this long without a staff message. */
export const OA_MANAGER_IDLE_MS = 2 * 60 * 60 * 1000;

export interface SweeperDeps {
  db: Database;
  service: HandoffService;
  calendar: OfficeCalendar;
  bus: LiveBus;
  logger: Logger;
  now: () => number;
}

/**
 * The timers of the queues, run every few seconds: claimed conversations nobody answered go back to
 * the queue (and the team lead is alerted), waiting ones are assigned round robin to agents on duty.
 */
export class HandoffSweeper {
  constructor(private readonly deps: SweeperDeps) {}

  async run(): Promise<void> {
    await this.releaseUnanswered();
    await this.closeIdleOaManager();
    await this.assignWaiting();
  }

  private async releaseUnanswered(): Promise<void> {
    const claimed = await this.deps.db.handoff.findMany({ where: { status: "with_agent", viaOaManager: false }, include: { team: true } });
    for (const row of claimed) {
      if (!releaseDue(toSnapshot(row), this.deps.now(), this.deps.calendar, row.team.noReplyMinutes * 60_000)) continue;
      await this.step(row, { type: "release" }, { detail: "Quá thời gian chưa trả lời", assigneeId: null });
      this.deps.logger.warn({ handoffId: row.id, teamId: row.teamId, alert: "handoff_unanswered" }, "claimed conversation not answered in time: back to the queue");
    }
  }

  private async closeIdleOaManager(): Promise<void> {
    const since = new Date(this.deps.now() - OA_MANAGER_IDLE_MS);
    const idle = await this.deps.db.handoff.findMany({
      where: { status: "with_agent", viaOaManager: true, lastStaffReplyAt: { lt: since } },
      include: { team: true },
    });
    for (const row of idle) await this.step(row, { type: "close" }, { detail: "Cán bộ trên OA Manager không nhắn thêm sau 2 giờ", outcome: "oa_manager_idle", silent: true });
  }

  private async assignWaiting(): Promise<void> {
    const waiting = await this.deps.db.handoff.findMany({ where: { status: "waiting" }, orderBy: { createdAt: "asc" }, include: { team: true } });
    for (const row of waiting) {
      const agentId = pickAgent(await this.loads(row.teamId));
      if (agentId === null) continue;
      await this.step(row, { type: "assign", agentId, how: "auto" }, { detail: "Tự động phân công" });
      await this.deps.db.staffUser.update({ where: { id: agentId }, data: { lastAssignedAt: new Date(this.deps.now()) } });
    }
  }

  /** Agents of a team with their open conversations, for the round robin. */
  private async loads(teamId: number): Promise<AgentLoad[]> {
    const members = await this.deps.db.teamMember.findMany({ where: { teamId }, include: { user: true } });
    const open = await this.deps.db.handoff.groupBy({ by: ["assigneeId"], where: { status: "with_agent", assigneeId: { not: null } }, _count: { _all: true } });
    const openBy = new Map(open.map((o) => [o.assigneeId, o._count._all]));
    return members
      .filter((m) => m.user.roles.split(",").includes("agent"))
      .map((m) => ({
        id: m.user.id,
        onDuty: m.user.onDuty,
        disabled: m.user.disabled,
        capacity: m.user.capacity,
        open: openBy.get(m.user.id) ?? 0,
        lastAssignedAt: m.user.lastAssignedAt?.getTime() ?? null,
      }));
  }

  private async step(row: HandoffWithTeam, event: HandoffEvent, opts: { detail: string; assigneeId?: null; outcome?: string; silent?: boolean }): Promise<void> {
    const now = this.deps.now();
    const step = transition(toSnapshot(row), event, now, this.deps.calendar);
    const live: LiveEvent[] = await this.deps.db.$transaction(async (tx) => {
      const data = { ...snapshotColumns(step.snapshot as HandoffSnapshot), ...(opts.outcome ? { outcome: opts.outcome } : {}) };
      const updated = await tx.handoff.update({ where: { id: row.id }, data, include: { team: true } });
      const effects = opts.silent ? step.effects.filter((e) => e.type !== "closing_message") : step.effects;
      const outcome = await this.deps.service.apply(tx, updated, effects, null, opts.detail);
      const at = new Date(now);
      for (const m of outcome.messages) await tx.outboundMessage.create({ data: { userId: row.userId, body: JSON.stringify(m), createdAt: at, nextAttemptAt: at } });
      return outcome.live;
    });
    for (const e of live) this.deps.bus.publish(e);
  }
}
