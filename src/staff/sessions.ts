import { createHash, randomBytes } from "node:crypto";
import type { DbOrTx } from "./audit.js";
import { PRINCIPAL_INCLUDE, toPrincipal, type StaffPrincipal } from "./principal.js";

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

export interface StaffSessionInfo {
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

/** lastSeenAt is written at most this often, so browsing does not turn every page view into a write. */
export const TOUCH_INTERVAL_MS = 60_000;

/** The row id for a cookie token: a leaked table holds no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const randomToken = (): string => randomBytes(32).toString("base64url");

/** expiresAt holds the earlier of the idle and the absolute deadline, so one comparison decides. */
function deadline(createdAt: number, seenAt: number, limits: SessionLimits): Date {
  return new Date(Math.min(seenAt + limits.idleMinutes * 60_000, createdAt + limits.maxHours * 3_600_000));
}

/** A new session (called at every login, so the id never carries over from before). Returns the cookie's token. */
export async function createSession(db: DbOrTx, userId: number, now: number, limits: SessionLimits): Promise<{ token: string; session: StaffSessionInfo }> {
  const token = randomToken();
  const session = await db.staffSession.create({
    data: {
      id: sessionIdOf(token),
      userId,
      csrfToken: randomToken(),
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: deadline(now, now, limits),
    },
  });
  return { token, session };
}

/** The live session for a cookie token and its user, or null when it is unknown, revoked, expired or the account is disabled. */
export async function findSession(
  db: DbOrTx,
  token: string,
  now: number,
  limits: SessionLimits,
): Promise<{ session: StaffSessionInfo; principal: StaffPrincipal } | null> {
  const row = await db.staffSession.findUnique({ where: { id: sessionIdOf(token) }, include: { user: { include: PRINCIPAL_INCLUDE } } });
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now || row.user.disabled) return null;
  let session: StaffSessionInfo = row;
  if (now - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    session = await db.staffSession.update({
      where: { id: row.id },
      data: { lastSeenAt: new Date(now), expiresAt: deadline(row.createdAt.getTime(), now, limits) },
    });
  }
  return { session, principal: toPrincipal(row.user) };
}

export async function revokeSession(db: DbOrTx, id: string, now: number): Promise<void> {
  await db.staffSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date(now) } });
}

/** Ends every session of a user, except `keepId` (the one changing its own password). */
export async function revokeUserSessions(db: DbOrTx, userId: number, now: number, keepId?: string): Promise<number> {
  const { count } = await db.staffSession.updateMany({
    where: { userId, revokedAt: null, id: keepId ? { not: keepId } : undefined },
    data: { revokedAt: new Date(now) },
  });
  return count;
}

/** Deletes sessions that can no longer be used; the lead schedules it. */
export async function purgeExpiredSessions(db: DbOrTx, now: number): Promise<number> {
  const { count } = await db.staffSession.deleteMany({
    where: { OR: [{ expiresAt: { lte: new Date(now) } }, { revokedAt: { not: null } }] },
  });
  return count;
}
