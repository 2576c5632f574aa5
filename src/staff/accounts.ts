import type { Prisma } from "../generated/prisma/client.js";
import type { Database } from "../storage/database.js";
import { recordAudit, type DbOrTx } from "./audit.js";
import { FieldError } from "./errors.js";
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from "./passwords.js";
import { PRINCIPAL_INCLUDE, toPrincipal, type StaffPrincipal } from "./principal.js";
import { parseRoles, serialiseRoles, type Role } from "./roles.js";
import { revokeUserSessions } from "./sessions.js";

export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

/** A user as the admin pages show them (no hash, no counters). */
export interface UserView {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  teams: Array<{ id: number; name: string }>;
  capacity: number;
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface Change<T> {
  before: T;
  after: T;
}

/** The one answer to a failed login, whatever the reason: it must not tell which part was wrong. */
export type AuthResult = { ok: true; principal: StaffPrincipal } | { ok: false };

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;
export const MAX_CAPACITY = 50;

const VIEW_INCLUDE = { memberships: { select: { team: { select: { id: true, name: true } } } } } as const;
type UserRow = Prisma.StaffUserGetPayload<{ include: typeof VIEW_INCLUDE }>;

function toView(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: parseRoles(u.roles),
    teams: u.memberships.map((m) => m.team).sort((a, b) => a.name.localeCompare(b.name, "vi")),
    capacity: u.capacity,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
  };
}

export async function listUsers(db: DbOrTx): Promise<UserView[]> {
  return (await db.staffUser.findMany({ include: VIEW_INCLUDE, orderBy: { username: "asc" } })).map(toView);
}

export async function getUser(db: DbOrTx, id: number): Promise<UserView | null> {
  const u = await db.staffUser.findUnique({ where: { id }, include: VIEW_INCLUDE });
  return u ? toView(u) : null;
}

async function mustGet(db: DbOrTx, id: number): Promise<UserView> {
  const u = await getUser(db, id);
  if (!u) throw new FieldError("id", "Không tìm thấy người dùng này.");
  return u;
}

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: Role[];
  teamIds?: number[];
  capacity?: number;
}

export async function createUser(db: Database, input: NewUser, now = Date.now()): Promise<UserView> {
  const username = normaliseUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw new FieldError("username", "Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.");
  }
  const displayName = checkDisplayName(input.displayName?.trim() || username);
  if (input.roles.length === 0) throw new FieldError("roles", "Chọn ít nhất một vai trò.");
  const problem = passwordProblem(input.password, username);
  if (problem) throw new FieldError("password", problem);
  const capacity = checkCapacity(input.capacity ?? 5);
  const teamIds = await existingTeams(db, input.teamIds ?? []);
  if (await db.staffUser.findUnique({ where: { username } })) throw new FieldError("username", "Tên đăng nhập này đã có người dùng.");
  const created = await db.staffUser.create({
    data: {
      username,
      displayName,
      passwordHash: await hashPassword(input.password),
      roles: serialiseRoles(input.roles),
      capacity,
      passwordChangedAt: new Date(now),
      memberships: { create: teamIds.map((teamId) => ({ teamId })) },
    },
    include: VIEW_INCLUDE,
  });
  return toView(created);
}

/**
 * Checks a login. Unknown users are verified against a dummy hash and locked accounts are still
 * verified, so neither the answer nor its timing tells an attacker which accounts exist.
 */
export async function authenticate(db: Database, username: string, password: string, now: number, policy: LockoutPolicy): Promise<AuthResult> {
  const user = await db.staffUser.findUnique({ where: { username: normaliseUsername(username) }, include: PRINCIPAL_INCLUDE });
  const matches = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || user.disabled) return { ok: false };
  if (user.lockedUntil && user.lockedUntil.getTime() > now) return { ok: false };
  if (matches) {
    if (user.failedLogins > 0 || user.lockedUntil) await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
    return { ok: true, principal: toPrincipal(user) };
  }
  const { failedLogins } = await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: { increment: 1 } } });
  if (failedLogins >= policy.maxFailures) {
    const lockedUntil = new Date(now + policy.lockMinutes * 60_000);
    await db.staffUser.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil } });
    await recordAudit(db, { actor: null, action: "user.locked", targetType: "user", targetId: user.id, after: { username: user.username, lockedUntil }, at: new Date(now) });
  }
  return { ok: false };
}

/** The user's own change: needs the current password and ends their other sessions. */
export async function changePassword(db: Database, userId: number, current: string, next: string, now: number, keepSessionId?: string): Promise<void> {
  const user = await db.staffUser.findUnique({ where: { id: userId } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) throw new FieldError("current", "Mật khẩu hiện tại không đúng.");
  const problem = passwordProblem(next, user.username);
  if (problem) throw new FieldError("password", problem);
  if (next === current) throw new FieldError("password", "Mật khẩu mới phải khác mật khẩu hiện tại.");
  await db.staffUser.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next), passwordChangedAt: new Date(now) } });
  await revokeUserSessions(db, userId, now, keepSessionId);
}

/** An admin sets a new password: the account is unlocked and all its sessions end. */
export async function resetPassword(db: Database, userId: number, next: string, now: number): Promise<void> {
  const user = await mustGet(db, userId);
  const problem = passwordProblem(next, user.username);
  if (problem) throw new FieldError("password", problem);
  await db.staffUser.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(next), passwordChangedAt: new Date(now), failedLogins: 0, lockedUntil: null },
  });
  await revokeUserSessions(db, userId, now);
}

export interface UserChanges {
  displayName?: string;
  roles?: Role[];
  teamIds?: number[];
  capacity?: number;
}

/** Checks every change first and applies them together, so a refused field leaves the user as it was. */
export async function updateUser(db: Database, userId: number, changes: UserChanges): Promise<Change<UserView>> {
  const before = await mustGet(db, userId);
  const data: Prisma.StaffUserUpdateInput = {};
  if (changes.displayName !== undefined) data.displayName = checkDisplayName(changes.displayName.trim());
  if (changes.roles !== undefined) {
    if (changes.roles.length === 0) throw new FieldError("roles", "Chọn ít nhất một vai trò.");
    if (!changes.roles.includes("admin")) await keepAnAdmin(db, userId);
    data.roles = serialiseRoles(changes.roles);
  }
  if (changes.capacity !== undefined) data.capacity = checkCapacity(changes.capacity);
  const teamIds = changes.teamIds === undefined ? undefined : await existingTeams(db, changes.teamIds);
  await db.$transaction([
    db.staffUser.update({ where: { id: userId }, data }),
    ...(teamIds === undefined
      ? []
      : [
          db.teamMember.deleteMany({ where: { userId, teamId: { notIn: teamIds } } }),
          ...teamIds.map((teamId) => db.teamMember.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId }, update: {} })),
        ]),
  ]);
  return { before, after: await mustGet(db, userId) };
}

export const setRoles = (db: Database, userId: number, roles: Role[]) => updateUser(db, userId, { roles });
export const setTeams = (db: Database, userId: number, teamIds: number[]) => updateUser(db, userId, { teamIds });
export const setCapacity = (db: Database, userId: number, capacity: number) => updateUser(db, userId, { capacity });

/** Disabling ends the user's sessions at once. */
export async function disableUser(db: Database, userId: number, now: number): Promise<Change<UserView>> {
  await keepAnAdmin(db, userId);
  const result = await change(db, userId, () => db.staffUser.update({ where: { id: userId }, data: { disabled: true } }));
  await revokeUserSessions(db, userId, now);
  return result;
}

export async function enableUser(db: Database, userId: number): Promise<Change<UserView>> {
  return change(db, userId, () => db.staffUser.update({ where: { id: userId }, data: { disabled: false, failedLogins: 0, lockedUntil: null } }));
}

async function change(db: Database, userId: number, apply: () => Promise<unknown>): Promise<Change<UserView>> {
  const before = await mustGet(db, userId);
  await apply();
  return { before, after: await mustGet(db, userId) };
}

/** Refuses a change that would leave no enabled admin, since only an admin can undo it in the app. */
async function keepAnAdmin(db: Database, userId: number): Promise<void> {
  const admins = await db.staffUser.findMany({ where: { disabled: false, roles: { contains: "admin" } }, select: { id: true, roles: true } });
  const others = admins.filter((a) => a.id !== userId && parseRoles(a.roles).includes("admin"));
  if (others.length === 0 && admins.some((a) => a.id === userId)) {
    throw new FieldError("roles", "Cần giữ ít nhất một quản trị đang hoạt động.");
  }
}

function checkDisplayName(name: string): string {
  if (name.length === 0 || name.length > 100) throw new FieldError("displayName", "Tên hiển thị cần từ 1 đến 100 ký tự.");
  return name;
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) {
    throw new FieldError("capacity", `Số cuộc trò chuyện cùng lúc là số nguyên từ 0 đến ${MAX_CAPACITY}.`);
  }
  return capacity;
}

async function existingTeams(db: DbOrTx, teamIds: number[]): Promise<number[]> {
  const unique = [...new Set(teamIds)];
  const found = await db.team.findMany({ where: { id: { in: unique } }, select: { id: true } });
  if (found.length !== unique.length) throw new FieldError("teams", "Có nhóm không còn tồn tại; tải lại trang rồi chọn lại.");
  return unique;
}
