import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { changesOf } from "../../src/admin/audit-routes.js";
import { listAudit, recordAudit, withoutSecrets } from "../../src/staff/audit.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";

let db: Database;
beforeEach(async () => {
  db = (await tempDatabase()).db;
});
afterEach(async () => db.$disconnect());

describe("audit log", () => {
  it("never stores password hashes, passwords or tokens, however deep", async () => {
    const user = { id: 1, username: "lan", passwordHash: "$argon2id$...", sessions: [{ id: "x", csrfToken: "t", token: "raw" }], settings: { secret: "s", capacity: 5 } };
    await recordAudit(db, { actor: { id: 9, username: "quantri" }, action: "user.updated", targetType: "user", targetId: 1, before: user, after: { ...user, password: "plain" }, ip: "127.0.0.1" });
    const row = await db.auditLog.findFirstOrThrow();
    expect(row.before).not.toMatch(/argon2|csrf|raw|"s"/);
    expect(row.after).not.toMatch(/plain|argon2/);
    expect(JSON.parse(row.after ?? "null")).toEqual({ id: 1, username: "lan", sessions: [{ id: "x" }], settings: { capacity: 5 } });
    expect(row).toMatchObject({ actorId: 9, actorName: "quantri", targetId: "1", ip: "127.0.0.1" });
    expect(withoutSecrets(new Date(0))).toBe("1970-01-01T00:00:00.000Z");
  });

  it("names changes without an actor, and filters by actor, action prefix and dates, newest first, paged", async () => {
    await recordAudit(db, { actor: null, actorLabel: "cli", action: "user.created", targetType: "user", at: new Date("2026-03-01T03:00:00Z") });
    for (let i = 0; i < 60; i++) {
      await recordAudit(db, { actor: { id: 2, username: "minh" }, action: i % 2 ? "team.updated" : "user.updated", targetType: "x", at: new Date(Date.parse("2026-03-02T03:00:00Z") + i * 1000) });
    }
    expect((await listAudit(db, { actor: "cli" })).rows.map((r) => r.actorName)).toEqual(["cli"]);
    const users = await listAudit(db, { action: "user." });
    expect(users.total).toBe(31);
    const page2 = await listAudit(db, { actor: "min", page: 2 });
    expect(page2).toMatchObject({ total: 60, page: 2, pages: 2 });
    expect(page2.rows).toHaveLength(10);
    const first = await listAudit(db, {});
    expect(first.rows[0]!.at.getTime()).toBeGreaterThan(first.rows[1]!.at.getTime());
    expect((await listAudit(db, { to: new Date("2026-03-02T00:00:00Z") })).total).toBe(1);
    expect((await listAudit(db, { from: new Date("2026-03-02T00:00:00Z") })).total).toBe(60);
  });

  it("shows only the fields that changed", () => {
    expect(changesOf({ roles: ["agent"], capacity: 5 }, { roles: ["agent", "admin"], capacity: 5 })).toEqual([
      { field: "Vai trò", before: "agent", after: "agent, admin" },
    ]);
    expect(changesOf(null, { teams: [{ id: 1, name: "Hộ tịch" }, { id: 2, name: "Chung" }] })).toEqual([{ field: "Nhóm", before: "", after: "Hộ tịch, Chung" }]);
  });
});
