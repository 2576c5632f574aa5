import type { Handoff, Team } from "../generated/prisma/client.js";
import type { Transaction } from "../storage/database.js";
import type { HandoffEffect, HandoffSnapshot, HandoffStatus } from "./state-machine.js";

export type HandoffWithTeam = Handoff & { team: Team };

export const OPEN_STATUSES: HandoffStatus[] = ["waiting", "with_agent"];

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);
const date = (n: number | null): Date | null => (n === null ? null : new Date(n));

export function toSnapshot(row: HandoffWithTeam): HandoffSnapshot {
  return {
    status: row.status as HandoffStatus,
    reason: row.reason as HandoffSnapshot["reason"],
    teamSlug: row.team.slug,
    assigneeId: row.assigneeId,
    createdAt: row.createdAt.getTime(),
    claimedAt: ms(row.claimedAt),
    firstResponseAt: ms(row.firstResponseAt),
    closedAt: ms(row.closedAt),
    lastStaffReplyAt: ms(row.lastStaffReplyAt),
    outOfHoursNoticeDay: row.outOfHoursNoticeDay,
    viaOaManager: row.viaOaManager,
  };
}

/** The columns a snapshot owns; the team id is resolved from its slug by the caller. */
export function snapshotColumns(s: HandoffSnapshot) {
  return {
    status: s.status,
    reason: s.reason,
    assigneeId: s.assigneeId,
    claimedAt: date(s.claimedAt),
    firstResponseAt: date(s.firstResponseAt),
    closedAt: date(s.closedAt),
    lastStaffReplyAt: date(s.lastStaffReplyAt),
    outOfHoursNoticeDay: s.outOfHoursNoticeDay,
    viaOaManager: s.viaOaManager,
  };
}

export async function findOpenHandoff(tx: Transaction, userId: string): Promise<HandoffWithTeam | null> {
  return tx.handoff.findFirst({ where: { userId, status: { in: OPEN_STATUSES } }, orderBy: { id: "desc" }, include: { team: true } });
}

export async function teamBySlug(tx: Transaction, slug: string): Promise<Team> {
  const team = (await tx.team.findUnique({ where: { slug } })) ?? (await tx.team.findUnique({ where: { slug: "chung" } }));
  return team ?? tx.team.create({ data: { slug: "chung", name: "Chung" } });
}

/** Writes the state history rows of a transition. */
export async function recordStatusChanges(tx: Transaction, handoffId: number, effects: HandoffEffect[], actorId: number | null, detail?: string): Promise<void> {
  for (const e of effects) {
    if (e.type !== "status_changed") continue;
    await tx.handoffEvent.create({ data: { handoffId, fromStatus: e.from, toStatus: e.to, actorId, detail: detail ?? null } });
  }
}
