import type { Prisma } from "../generated/prisma/client.js";
import type { Database } from "../storage/database.js";

/** The client or a transaction: audit rows are written inside the change's transaction when there is one. */
export type DbOrTx = Database | Prisma.TransactionClient;

export interface AuditActor {
  id: number;
  username: string;
}

export interface AuditInput {
  /** null for changes no signed-in person made (command line, lockouts). */
  actor: AuditActor | null;
  /** Shown as the actor when `actor` is null; default "hệ thống". */
  actorLabel?: string;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  at?: Date;
}

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

export interface AuditFilter {
  /** Part of the actor's username. */
  actor?: string;
  /** An action, or its prefix ("user." finds every change to users). */
  action?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  page?: number;
}

export const AUDIT_PAGE_SIZE = 50;

const SECRET_KEY = /password|token|secret/i;

/** Copies a value for the log without anything that unlocks an account or a session. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, v]) => [key, withoutSecrets(v)]),
    );
  }
  return value;
}

const serialise = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(withoutSecrets(value)));

export async function recordAudit(db: DbOrTx, entry: AuditInput): Promise<void> {
  await db.auditLog.create({
    data: {
      at: entry.at,
      actorId: entry.actor?.id ?? null,
      actorName: entry.actor?.username ?? entry.actorLabel ?? "hệ thống",
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      before: serialise(entry.before),
      after: serialise(entry.after),
      ip: entry.ip ?? null,
    },
  });
}

export async function listAudit(db: DbOrTx, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number; page: number; pages: number }> {
  const where: Prisma.AuditLogWhereInput = {
    actorName: filter.actor ? { contains: filter.actor } : undefined,
    action: filter.action ? { startsWith: filter.action } : undefined,
    at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
  };
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages);
  const found = await db.auditLog.findMany({
    where,
    orderBy: { id: "desc" },
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });
  const rows = found.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
  return { rows, total, page, pages };
}

/** The distinct actions recorded so far, for the filter's list. */
export async function auditActions(db: DbOrTx): Promise<string[]> {
  const found = await db.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return found.map((r) => r.action);
}

function parse(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}
