import { describe, expect, it } from "vitest";
import { QueryLog } from "../../src/analytics/query-log.js";
import { eraseCitizen } from "../../src/privacy/erase-citizen.js";
import { purgeExpired } from "../../src/privacy/retention.js";
import { recordTranscript } from "../../src/handoff/transcript.js";
import { storeEvent } from "../../src/storage/inbox.js";
import { seedDefaultTeams } from "../../src/staff/teams.js";
import { tempDatabase } from "../helpers/db.js";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-12-01T10:00:00+07:00");
const CITIZEN = "1234567890123456789";
const OTHER = "9876543210987654321";

async function seed() {
  const { db } = await tempDatabase();
  await seedDefaultTeams(db);
  const team = await db.team.findFirstOrThrow();
  for (const userId of [CITIZEN, OTHER]) {
    const event = await storeEvent(db, { dedupeKey: `msg:${userId}`, eventName: "user_send_text", userId, payload: JSON.stringify({ message: { text: "CCCD 012345678901 của tôi" } }) });
    await db.inboundEvent.update({ where: { id: event.id }, data: { status: "done", receivedAt: new Date(NOW - 8 * DAY) } });
    await db.outboundMessage.create({ data: { eventId: event.id, userId, body: JSON.stringify({ text: "trả lời" }), status: "sent", createdAt: new Date(NOW - 100 * DAY) } });
    await db.conversation.create({ data: { userId } });
    await db.handoff.create({ data: { userId, status: "closed", reason: "asked", teamId: team.id } });
    await recordTranscript(db, [{ userId, author: "citizen", text: "số điện thoại 0912345678", at: new Date(NOW - 100 * DAY) }, { userId, author: "citizen", text: "hôm nay", at: new Date(NOW) }]);
    await new QueryLog("secret").record(db, { text: "làm căn cước", band: "answer", matchedId: null, topic: null, score: null, outcome: "answered", suggestions: [], userId, latencyMs: 1 });
  }
  return db;
}

describe("personal data", () => {
  it("deletes transcripts past TRANSCRIPT_RETENTION_DAYS and clears raw payloads past RAW_EVENT_RETENTION_DAYS", async () => {
    const db = await seed();
    const purged = await purgeExpired(db, { transcriptDays: 90, rawEventDays: 7 }, NOW);
    expect(purged).toEqual({ transcriptLines: 2, rawEvents: 2, outboundBodies: 2 });
    expect((await db.transcriptMessage.findMany()).map((l) => l.text)).toEqual(["hôm nay", "hôm nay"]);
    expect((await db.inboundEvent.findMany()).map((e) => e.payload)).toEqual(["{}", "{}"]);
    expect(await db.inboundEvent.count()).toBe(2);
    expect(await db.queryLog.count()).toBe(2);
  });

  it("keeps a raw event that is still pending, whatever its age", async () => {
    const db = await seed();
    await db.inboundEvent.updateMany({ where: { userId: CITIZEN }, data: { status: "pending" } });
    await purgeExpired(db, { transcriptDays: 90, rawEventDays: 7 }, NOW);
    expect((await db.inboundEvent.findFirstOrThrow({ where: { userId: CITIZEN } })).payload).toContain("CCCD");
  });

  it("erases everything held about one citizen, derived query rows included, and nothing about others", async () => {
    const db = await seed();
    const erased = await db.$transaction((tx) => eraseCitizen(tx, CITIZEN, "secret"));
    expect(erased).toEqual({ conversation: 1, transcriptLines: 2, handoffs: 1, events: 1, outbound: 1, queries: 1 });
    for (const count of [db.transcriptMessage.count({ where: { userId: CITIZEN } }), db.handoff.count({ where: { userId: CITIZEN } }), db.inboundEvent.count({ where: { userId: CITIZEN } })]) {
      expect(await count).toBe(0);
    }
    expect(await db.queryLog.count()).toBe(1);
    expect(await db.transcriptMessage.count({ where: { userId: OTHER } })).toBe(2);
  });
});
