import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TEAMS, DEFAULT_TOPIC_TEAM } from "../../src/handoff/routing.js";
import { TOPICS } from "../../src/knowledge/topics.js";
import { createUser } from "../../src/staff/accounts.js";
import {
  addMember, createCannedReply, createTeam, deleteTeam, fillCannedReply, listTopicRoutes, removeMember, seedDefaultTeams, setTopicRoutes, slugify, updateTeam,
} from "../../src/staff/teams.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";

let db: Database;
beforeEach(async () => {
  db = (await tempDatabase()).db;
});
afterEach(async () => db.$disconnect());

describe("teams", () => {
  it("seeds the default teams and routes every topic once, and never again", async () => {
    expect(await seedDefaultTeams(db)).toBe(true);
    expect(await seedDefaultTeams(db)).toBe(false);
    const teams = await db.team.findMany();
    expect(teams.map((t) => t.slug).sort()).toEqual(DEFAULT_TEAMS.map((t) => t.slug).sort());
    const routes = await listTopicRoutes(db);
    expect(Object.keys(routes).sort()).toEqual([...TOPICS].sort());
    expect(teams.find((t) => t.id === routes["dat-dai"])?.slug).toBe(DEFAULT_TOPIC_TEAM["dat-dai"]);
  });

  it("makes a unique slug from a Vietnamese name", async () => {
    expect(slugify("Đất đai, xây dựng")).toBe("dat-dai-xay-dung");
    const a = await createTeam(db, { name: "Một cửa", leadId: null, noReplyMinutes: 15 });
    const b = await createTeam(db, { name: "Một  cửa!", leadId: null, noReplyMinutes: 15 });
    expect([a.slug, b.slug]).toEqual(["mot-cua", "mot-cua-2"]);
  });

  it("the lead must be a member, and removing the lead clears it", async () => {
    const team = await createTeam(db, { name: "Hộ tịch", leadId: null, noReplyMinutes: 15 });
    const lan = await createUser(db, { username: "lan", password: "mật khẩu đủ dài 2026", roles: ["agent"] });
    await expect(updateTeam(db, team.id, { name: "Hộ tịch", leadId: lan.id, noReplyMinutes: 15 })).rejects.toMatchObject({ field: "leadId" });
    await addMember(db, team.id, lan.id);
    expect((await updateTeam(db, team.id, { name: "Hộ tịch", leadId: lan.id, noReplyMinutes: 20 })).after).toMatchObject({ leadId: lan.id, noReplyMinutes: 20 });
    expect((await removeMember(db, team.id, lan.id)).after).toMatchObject({ leadId: null, members: [] });
  });

  it("reroutes topics, and refuses to delete a team that still receives topics", async () => {
    await seedDefaultTeams(db);
    const extra = await createTeam(db, { name: "Đất đai huyện", leadId: null, noReplyMinutes: 30 });
    const change = await setTopicRoutes(db, { "dat-dai": extra.id });
    expect(change.after["dat-dai"]).toBe(extra.id);
    expect(change.before["dat-dai"]).not.toBe(extra.id);
    await expect(setTopicRoutes(db, { "khong-co": extra.id })).rejects.toMatchObject({ field: "topic:khong-co" });
    await expect(deleteTeam(db, extra.id)).rejects.toMatchObject({ field: "delete" });
    await createCannedReply(db, extra.id, { title: "Chào", body: "Chào anh/chị" });
  });

  it("fills canned-reply placeholders and leaves unknown ones as typed", () => {
    const body = "Về {chu_de}, {ten_can_bo} xin trả lời. Giờ làm việc: {gio_lam_viec}. {khac}";
    expect(fillCannedReply(body, { chu_de: "Khai sinh", ten_can_bo: "Chị Lan" })).toBe("Về Khai sinh, Chị Lan xin trả lời. Giờ làm việc: {gio_lam_viec}. {khac}");
  });
});
