import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { authenticate, changePassword, createUser, disableUser, getUser, resetPassword, setRoles, updateUser } from "../../src/staff/accounts.js";
import { FieldError } from "../../src/staff/errors.js";
import { createSession, findSession } from "../../src/staff/sessions.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";

const PASSWORD = "mật khẩu đủ dài 2026";
const POLICY = { maxFailures: 5, lockMinutes: 15 };
const LIMITS = { idleMinutes: 30, maxHours: 12 };
const T0 = Date.parse("2026-03-02T02:00:00Z");

let db: Database;
beforeEach(async () => {
  db = (await tempDatabase()).db;
});
afterEach(async () => db.$disconnect());

describe("authenticate", () => {
  it("signs in with the right password, case-insensitive username", async () => {
    await createUser(db, { username: "lan", displayName: "Chị Lan", password: PASSWORD, roles: ["agent"] });
    const result = await authenticate(db, " LAN ", PASSWORD, T0, POLICY);
    expect(result.ok && result.principal).toMatchObject({ username: "lan", displayName: "Chị Lan", roles: ["agent"], teamIds: [] });
  });

  it("gives the same answer for an unknown user, a wrong password and a locked account", async () => {
    await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    const unknown = await authenticate(db, "khong-co", PASSWORD, T0, POLICY);
    const wrong = await authenticate(db, "lan", "sai mật khẩu rồi", T0, POLICY);
    for (let i = 0; i < 4; i++) await authenticate(db, "lan", "sai mật khẩu rồi", T0, POLICY);
    const locked = await authenticate(db, "lan", PASSWORD, T0 + 60_000, POLICY);
    expect(unknown).toEqual({ ok: false });
    expect(wrong).toEqual(unknown);
    expect(locked).toEqual(unknown);
  });

  it("locks after five failures for fifteen minutes, then lets the right password in", async () => {
    const user = await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    for (let i = 0; i < 5; i++) await authenticate(db, "lan", `sai ${i} mật khẩu rồi`, T0, POLICY);
    expect((await getUser(db, user.id))?.lockedUntil?.getTime()).toBe(T0 + 15 * 60_000);
    expect((await authenticate(db, "lan", PASSWORD, T0 + 14 * 60_000, POLICY)).ok).toBe(false);
    expect((await authenticate(db, "lan", PASSWORD, T0 + 15 * 60_000 + 1, POLICY)).ok).toBe(true);
    const audit = await db.auditLog.findMany({ where: { action: "user.locked" } });
    expect(audit).toHaveLength(1);
  });

  it("resets the failure count after a successful login", async () => {
    await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    for (let i = 0; i < 4; i++) await authenticate(db, "lan", "sai mật khẩu rồi", T0, POLICY);
    expect((await authenticate(db, "lan", PASSWORD, T0, POLICY)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await authenticate(db, "lan", "sai mật khẩu rồi", T0, POLICY);
    expect((await authenticate(db, "lan", PASSWORD, T0, POLICY)).ok).toBe(true);
  });

  it("refuses a disabled account even with the right password", async () => {
    await createUser(db, { username: "quantri", password: PASSWORD, roles: ["admin"] });
    const user = await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    await disableUser(db, user.id, T0);
    expect(await authenticate(db, "lan", PASSWORD, T0, POLICY)).toEqual({ ok: false });
  });
});

describe("account changes", () => {
  it("refuses a duplicate username and a weak password beside the right field", async () => {
    await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    await expect(createUser(db, { username: "Lan", password: PASSWORD, roles: ["agent"] })).rejects.toMatchObject({ field: "username" });
    await expect(createUser(db, { username: "minh", password: "ngắn", roles: ["agent"] })).rejects.toMatchObject({ field: "password" });
  });

  it("changing one's password needs the current one and ends the other sessions", async () => {
    const user = await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    const here = await createSession(db, user.id, T0, LIMITS);
    const elsewhere = await createSession(db, user.id, T0, LIMITS);
    await expect(changePassword(db, user.id, "không đúng mật khẩu", "mật khẩu mới thật dài", T0, here.session.id)).rejects.toBeInstanceOf(FieldError);
    await changePassword(db, user.id, PASSWORD, "mật khẩu mới thật dài", T0, here.session.id);
    expect(await findSession(db, here.token, T0, LIMITS)).not.toBeNull();
    expect(await findSession(db, elsewhere.token, T0, LIMITS)).toBeNull();
    expect((await authenticate(db, "lan", "mật khẩu mới thật dài", T0, POLICY)).ok).toBe(true);
  });

  it("an admin's reset unlocks the account and ends all its sessions", async () => {
    const user = await createUser(db, { username: "lan", password: PASSWORD, roles: ["agent"] });
    const s = await createSession(db, user.id, T0, LIMITS);
    for (let i = 0; i < 5; i++) await authenticate(db, "lan", "sai mật khẩu rồi", T0, POLICY);
    await resetPassword(db, user.id, "mật khẩu do quản trị đặt", T0);
    expect(await findSession(db, s.token, T0, LIMITS)).toBeNull();
    expect((await authenticate(db, "lan", "mật khẩu do quản trị đặt", T0, POLICY)).ok).toBe(true);
  });

  it("never leaves the system without an enabled admin", async () => {
    const admin = await createUser(db, { username: "quantri", password: PASSWORD, roles: ["admin"] });
    await expect(setRoles(db, admin.id, ["agent"])).rejects.toMatchObject({ field: "roles" });
    await expect(disableUser(db, admin.id, T0)).rejects.toMatchObject({ field: "roles" });
    await createUser(db, { username: "quantri2", password: PASSWORD, roles: ["admin"] });
    expect((await setRoles(db, admin.id, ["agent"])).after.roles).toEqual(["agent"]);
  });

  it("applies nothing when one field of an edit is refused", async () => {
    const user = await createUser(db, { username: "lan", displayName: "Chị Lan", password: PASSWORD, roles: ["agent"] });
    await expect(updateUser(db, user.id, { displayName: "Tên mới", capacity: 999 })).rejects.toMatchObject({ field: "capacity" });
    expect((await getUser(db, user.id))?.displayName).toBe("Chị Lan");
    const team = await db.team.create({ data: { slug: "ho-tich", name: "Hộ tịch" } });
    const change = await updateUser(db, user.id, { displayName: "Tên mới", capacity: 3, teamIds: [team.id] });
    expect(change.before).toMatchObject({ displayName: "Chị Lan", capacity: 5, teams: [] });
    expect(change.after).toMatchObject({ displayName: "Tên mới", capacity: 3, teams: [{ id: team.id, name: "Hộ tịch" }] });
  });
});
