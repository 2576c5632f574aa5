import { describe, expect, it } from "vitest";
import { QueryLog } from "../../src/analytics/query-log.js";
import type { Assistant } from "../../src/conversation/assistant.js";
import { EventPipeline } from "../../src/conversation/pipeline.js";
import { storeEvent } from "../../src/storage/inbox.js";
import { SerialLane } from "../../src/storage/serial-lane.js";
import { createHandoff } from "../../src/handoff/module.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { loadConfig } from "../../src/config.js";
import { seedDefaultTeams } from "../../src/staff/teams.js";
import { tempDatabase } from "../helpers/db.js";
import { silentLogger } from "../helpers/logger.js";

const USER = "2468458835291979229";
const textEvent = (msgId: string, text: string) =>
  JSON.stringify({ app_id: "1", event_name: "user_send_text", sender: { id: USER }, recipient: { id: "2" }, message: { msg_id: msgId, text }, timestamp: "1700000000000" });

/** Monday 30/11/2026 10:00 in Vietnam: office hours. */
export const MONDAY_10H = Date.parse("2026-11-30T10:00:00+07:00");

export async function setup(respond: Assistant["respond"], now: () => number = () => MONDAY_10H) {
  const { db } = await tempDatabase();
  await seedDefaultTeams(db);
  const flushed: string[] = [];
  const outbox = { flushUser: async (u: string) => void flushed.push(u) };
  const kb = await loadKnowledgeBase(loadConfig({ NODE_ENV: "test" }));
  const handoff = createHandoff({ db, province: kb.province, outbox, logger: silentLogger, now });
  const pipeline = new EventPipeline({
    db, assistant: { respond } as Assistant, queryLog: new QueryLog("secret"), outbox, handoffs: handoff.service, bus: handoff.bus, logger: silentLogger, lane: new SerialLane(), now,
  });
  const store = async (msgId: string, text: string) => (await storeEvent(db, { dedupeKey: `msg:${msgId}`, eventName: "user_send_text", userId: USER, payload: textEvent(msgId, text) })).id;
  return { db, pipeline, flushed, store, handoff };
}

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe("event pipeline", () => {
  it("processes a citizen's events in order, each once, even when enqueued twice", async () => {
    const seen: string[] = [];
    const { db, pipeline, store } = await setup((input, state) => {
      if (input.kind === "text") seen.push(input.text);
      return { replies: [{ text: `trả lời ${seen.length}` }], state };
    });
    const ids = [await store("a", "một"), await store("b", "hai"), await store("c", "ba")];
    for (const id of [...ids, ids[0] as number]) pipeline.enqueue(id, USER);
    await pipeline.idle();
    expect(seen).toEqual(["một", "hai", "ba"]);
    const bodies = (await db.outboundMessage.findMany({ orderBy: { id: "asc" } })).map((m) => JSON.parse(m.body).text);
    expect(bodies).toEqual(["trả lời 1", "trả lời 2", "trả lời 3"]);
  });

  it("retries an event whose processing failed, and replies once when it succeeds", async () => {
    let calls = 0;
    const { db, pipeline, store } = await setup((_input, state) => {
      calls++;
      if (calls === 1) throw new Error("database is busy");
      return { replies: [{ text: "xong" }], state };
    });
    const id = await store("r", "câu hỏi");
    pipeline.enqueue(id, USER);
    await until(async () => (await db.inboundEvent.findUniqueOrThrow({ where: { id } })).status === "done");
    expect(calls).toBe(2);
    expect(await db.outboundMessage.count()).toBe(1);
  });

  it("hands over when the assistant says so: one acknowledgement naming the team, then citizen messages go to the inbox", async () => {
    const { db, pipeline, store } = await setup((input, state) =>
      input.kind === "text" && input.text === "gặp cán bộ" ? { replies: [], state, handoff: { reason: "asked", topic: "dat-dai" } } : { replies: [{ text: "trợ lý" }], state },
    );
    pipeline.enqueue(await store("h1", "gặp cán bộ"), USER);
    await pipeline.idle();
    pipeline.enqueue(await store("h2", "sổ đỏ của tôi bị sai tên"), USER);
    await pipeline.idle();
    const bodies = (await db.outboundMessage.findMany({ orderBy: { id: "asc" } })).map((m) => JSON.parse(m.body).text as string);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(/Cán bộ nhóm Đất đai, xây dựng sẽ trả lời/);
    const handoff = await db.handoff.findFirstOrThrow({ include: { team: true } });
    expect(handoff).toMatchObject({ status: "waiting", reason: "asked", unread: 2 });
    expect(handoff.team.slug).toBe("dat-dai");
    const lines = await db.transcriptMessage.findMany({ orderBy: { id: "asc" } });
    expect(lines.map((l) => l.author)).toEqual(["citizen", "system", "citizen"]);
  });

  it.each([
    ["a Saturday evening", "2026-11-28T20:00:00+07:00", /từ 7:30 sáng thứ Hai, 30\/11\/2026 \(hiện đang ngoài giờ làm việc\)/],
    ["Tết", "2026-02-17T09:00:00+07:00", /từ 7:30 sáng thứ Hai, 23\/02\/2026/],
  ])("acknowledges out of hours (%s) with the next opening time", async (_when, at, expected) => {
    const { db, pipeline, store } = await setup((_input, state) => ({ replies: [], state, handoff: { reason: "asked", topic: null } }), () => Date.parse(at));
    pipeline.enqueue(await store("o1", "gặp cán bộ"), USER);
    await pipeline.idle();
    const [ack] = (await db.outboundMessage.findMany()).map((m) => JSON.parse(m.body).text as string);
    expect(ack).toMatch(expected);
  });

  it("shows a conversation a cán bộ answered from OA Manager as taken over, and stays quiet", async () => {
    let asked = 0;
    const { db, pipeline, store } = await setup((_input, state) => {
      asked++;
      return { replies: [{ text: "trợ lý" }], state };
    });
    const echo = JSON.stringify({ app_id: "1", event_name: "oa_send_text", sender: { id: "2" }, recipient: { id: USER }, message: { msg_id: "never-sent-by-us", text: "Chào anh, tôi là cán bộ xã." }, timestamp: "1700000000000" });
    const echoId = (await storeEvent(db, { dedupeKey: "msg:echo:never-sent-by-us", eventName: "oa_send_text", userId: USER, payload: echo })).id;
    pipeline.enqueue(echoId, USER);
    await pipeline.idle();
    pipeline.enqueue(await store("after", "cảm ơn cán bộ"), USER);
    await pipeline.idle();
    expect(asked).toBe(0);
    expect(await db.handoff.findFirstOrThrow()).toMatchObject({ status: "with_agent", viaOaManager: true });
    expect((await db.transcriptMessage.findMany({ orderBy: { id: "asc" } })).map((l) => l.author)).toEqual(["oa_manager", "citizen"]);
  });
});
