import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createUser, disableUser } from "../../src/staff/accounts.js";
import { createSession, findSession, purgeExpiredSessions, revokeSession, revokeUserSessions, sessionIdOf } from "../../src/staff/sessions.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";

const LIMITS = { idleMinutes: 30, maxHours: 12 };
const T0 = Date.parse("2026-03-02T01:00:00Z");
const MIN = 60_000;

let db: Database;
let userId: number;
beforeEach(async () => {
  db = (await tempDatabase()).db;
  userId = (await createUser(db, { username: "lan", password: "mật khẩu đủ dài 2026", roles: ["agent", "admin"] })).id;
});
afterEach(async () => db.$disconnect());

describe("staff sessions", () => {
  it("stores only the hash of the cookie's token, and gives each login a new id and CSRF token", async () => {
    const a = await createSession(db, userId, T0, LIMITS);
    const b = await createSession(db, userId, T0, LIMITS);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.session.id).toBe(sessionIdOf(a.token));
    expect(a.session.id).not.toBe(a.token);
    expect(b.session.id).not.toBe(a.session.id);
    expect(b.session.csrfToken).not.toBe(a.session.csrfToken);
    expect(await db.staffSession.findUnique({ where: { id: a.token } })).toBeNull();
  });

  it("ends after 30 idle minutes, and activity keeps it alive", async () => {
    const { token } = await createSession(db, userId, T0, LIMITS);
    expect(await findSession(db, token, T0 + 29 * MIN, LIMITS)).not.toBeNull();
    expect(await findSession(db, token, T0 + 58 * MIN, LIMITS)).not.toBeNull();
    expect(await findSession(db, token, T0 + 89 * MIN, LIMITS)).toBeNull();
  });

  it("ends 12 hours after login however active the user is", async () => {
    const { token } = await createSession(db, userId, T0, LIMITS);
    for (let t = T0; t < T0 + 12 * 60 * MIN; t += 20 * MIN) expect(await findSession(db, token, t, LIMITS)).not.toBeNull();
    expect(await findSession(db, token, T0 + 12 * 60 * MIN, LIMITS)).toBeNull();
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const { token, session } = await createSession(db, userId, T0, LIMITS);
    await findSession(db, token, T0 + 30_000, LIMITS);
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt.getTime()).toBe(T0);
    await findSession(db, token, T0 + 61_000, LIMITS);
    expect((await db.staffSession.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt.getTime()).toBe(T0 + 61_000);
  });

  it("returns the principal with roles and teams", async () => {
    const team = await db.team.create({ data: { slug: "ho-tich", name: "Hộ tịch" } });
    await db.teamMember.create({ data: { userId, teamId: team.id } });
    const { token } = await createSession(db, userId, T0, LIMITS);
    expect((await findSession(db, token, T0, LIMITS))?.principal).toEqual({ id: userId, username: "lan", displayName: "lan", roles: ["admin", "agent"], teamIds: [team.id] });
  });

  it("revokes one session, all of a user's, and those of a disabled account", async () => {
    const a = await createSession(db, userId, T0, LIMITS);
    const b = await createSession(db, userId, T0, LIMITS);
    await revokeSession(db, a.session.id, T0);
    expect(await findSession(db, a.token, T0, LIMITS)).toBeNull();
    expect(await findSession(db, b.token, T0, LIMITS)).not.toBeNull();
    expect(await revokeUserSessions(db, userId, T0)).toBe(1);
    expect(await findSession(db, b.token, T0, LIMITS)).toBeNull();

    await createUser(db, { username: "quantri", password: "mật khẩu đủ dài 2026", roles: ["admin"] });
    const c = await createSession(db, userId, T0, LIMITS);
    await disableUser(db, userId, T0);
    expect(await findSession(db, c.token, T0, LIMITS)).toBeNull();
  });

  it("purges expired and revoked sessions and keeps live ones", async () => {
    const old = await createSession(db, userId, T0, LIMITS);
    const revoked = await createSession(db, userId, T0 + 40 * MIN, LIMITS);
    const live = await createSession(db, userId, T0 + 40 * MIN, LIMITS);
    await revokeSession(db, revoked.session.id, T0 + 41 * MIN);
    expect(await purgeExpiredSessions(db, T0 + 45 * MIN)).toBe(2);
    expect(await findSession(db, live.token, T0 + 45 * MIN, LIMITS)).not.toBeNull();
    expect(await db.staffSession.findUnique({ where: { id: old.session.id } })).toBeNull();
  });
});
