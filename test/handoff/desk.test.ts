import { describe, expect, it } from "vitest";
import { OutboxSender } from "../../src/channel/zalo/outbox-sender.js";
import { ZaloApiError } from "../../src/channel/zalo/errors.js";
import { loadConfig } from "../../src/config.js";
import { conversationView } from "../../src/handoff/conversation-view.js";
import { DeskRefusal } from "../../src/handoff/desk.js";
import { createHandoff } from "../../src/handoff/module.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import type { OutgoingMessage } from "../../src/knowledge/message.js";
import { SerialLane } from "../../src/storage/serial-lane.js";
import { createUser } from "../../src/staff/accounts.js";
import { seedDefaultTeams } from "../../src/staff/teams.js";
import { tempDatabase } from "../helpers/db.js";
import { silentLogger } from "../helpers/logger.js";

const USER = "5551234567890123456";
const MONDAY_9H = Date.parse("2026-11-30T09:00:00+07:00");
const DAY = 24 * 60 * 60 * 1000;

/** A handoff desk over a real database, a clock the test moves, and a Zalo client the test scripts. */
async function setup(send: (userId: string, m: OutgoingMessage) => Promise<string> = async () => "zmsg-1") {
  const { db } = await tempDatabase();
  await seedDefaultTeams(db);
  let now = MONDAY_9H;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms), set: (t: number) => void (now = t) };
  const sent: string[] = [];
  const outbox = new OutboxSender(db, { send: async (u, m) => { sent.push(m.text); return send(u, m); } }, silentLogger, new SerialLane(), { now: clock.now, maxAttempts: 1 });
  const kb = await loadKnowledgeBase(loadConfig({ NODE_ENV: "test" }));
  const handoff = createHandoff({ db, province: kb.province, outbox, logger: silentLogger, now: clock.now });
  const team = await db.team.findUniqueOrThrow({ where: { slug: "dat-dai" } });
  const agent = await createUser(db, { username: "canbo.a", displayName: "Cán bộ A", password: "mat-khau-rat-dai-2026", roles: ["agent"], teamIds: [team.id] });
  const actor = { id: agent.id, username: agent.username, displayName: agent.displayName };
  await db.conversation.create({ data: { userId: USER, lastInteractionAt: new Date(now) } });
  const opened = await db.$transaction((tx) => handoff.service.open(tx, USER, "asked", "dat-dai"));
  return { db, handoff, clock, sent, actor, team, id: opened.handoffId as number };
}

describe("the handoff desk", () => {
  it("claims and replies: the reply goes through the outbox and the first response time is recorded", async () => {
    const { db, handoff, clock, sent, actor, id } = await setup();
    await handoff.desk.claim(actor, id);
    clock.advance(3 * 60_000);
    await handoff.desk.reply(actor, id, "Chào anh, tôi là cán bộ đất đai.");
    expect(sent).toEqual(["Chào anh, tôi là cán bộ đất đai."]);
    const row = await db.handoff.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "with_agent", assigneeId: actor.id });
    expect(row.firstResponseAt?.getTime()).toBe(MONDAY_9H + 3 * 60_000);
    expect(await db.auditLog.count({ where: { action: "handoff.reply" } })).toBe(1);
  });

  it("refuses, before sending, a reply more than 7 days after the citizen's last message", async () => {
    const { db, handoff, clock, sent, actor, id } = await setup();
    await handoff.desk.claim(actor, id);
    clock.advance(7 * DAY + 60_000);
    await expect(handoff.desk.reply(actor, id, "Xin lỗi anh vì trả lời muộn")).rejects.toThrow(DeskRefusal);
    await expect(handoff.desk.reply(actor, id, "Xin lỗi anh vì trả lời muộn")).rejects.toThrow(/quá 7 ngày/);
    expect(sent).toEqual([]);
    expect(await db.outboundMessage.count({ where: { eventId: null } })).toBe(0);
  });

  it("shows a reply that Zalo refused as failed, with Zalo's reason", async () => {
    const { db, handoff, actor, id } = await setup(async () => {
      throw new ZaloApiError(-230, "User has not interacted with the OA in the past 7 days");
    });
    await handoff.desk.claim(actor, id);
    await handoff.desk.reply(actor, id, "Anh gửi giúp tôi số hồ sơ nhé.");
    const view = await conversationView(db, id, handoff.calendar, MONDAY_9H);
    const reply = view?.transcript.find((l) => l.author === "staff");
    expect(reply).toMatchObject({ delivery: "failed" });
    expect(reply?.deliveryError).toMatch(/-230/);
  });

  it("puts a claimed conversation nobody answered back in the queue after the team's limit in office time, and alerts the lead", async () => {
    const { db, handoff, clock, actor, team, id } = await setup();
    await db.team.update({ where: { id: team.id }, data: { noReplyMinutes: 15, leadId: actor.id } });
    clock.set(Date.parse("2026-11-30T11:20:00+07:00"));
    await handoff.desk.claim(actor, id);
    const alerts: string[] = [];
    handoff.bus.subscribe((e) => e.type === "alert" && alerts.push(e.message));
    clock.set(Date.parse("2026-11-30T13:30:00+07:00")); // 10 office minutes: the lunch break does not count
    await handoff.sweeper.run();
    expect((await db.handoff.findUniqueOrThrow({ where: { id } })).status).toBe("with_agent");
    clock.set(Date.parse("2026-11-30T13:36:00+07:00"));
    await handoff.sweeper.run();
    expect(await db.handoff.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "waiting", assigneeId: null });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/trở lại hàng chờ nhóm Đất đai, xây dựng/);
  });

  it("assigns waiting conversations round robin to agents on duty and under capacity", async () => {
    const { db, handoff, team, actor, id } = await setup();
    const b = await createUser(db, { username: "canbo.b", displayName: "Cán bộ B", password: "mat-khau-rat-dai-2026", roles: ["agent"], teamIds: [team.id] });
    await handoff.sweeper.run();
    expect((await db.handoff.findUniqueOrThrow({ where: { id } })).status).toBe("waiting");
    await db.staffUser.updateMany({ data: { onDuty: true } });
    await db.staffUser.update({ where: { id: actor.id }, data: { capacity: 0 } });
    await handoff.sweeper.run();
    expect(await db.handoff.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "with_agent", assigneeId: b.id });
  });

  it("transfers to another team's queue and closes with a message that asks for a rating", async () => {
    const { db, handoff, sent, actor, id } = await setup();
    await handoff.desk.transfer(actor, id, "ho-tich");
    const moved = await db.handoff.findUniqueOrThrow({ where: { id }, include: { team: true } });
    expect(moved.team.slug).toBe("ho-tich");
    expect(moved.status).toBe("waiting");
    await handoff.desk.close(actor, id, true);
    expect(await db.handoff.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "closed", worthEntry: true, closedById: actor.id });
    expect(sent.at(-1)).toMatch(/Cán bộ đã kết thúc cuộc trò chuyện/);
    const history = await db.handoffEvent.findMany({ where: { handoffId: id }, orderBy: { id: "asc" } });
    expect(history.map((h) => h.toStatus)).toEqual(["waiting", "waiting", "closed"]);
  });
});
