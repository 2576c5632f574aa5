import { describe, expect, it } from "vitest";
import { QueryLog } from "../../src/analytics/query-log.js";
import type { Assistant } from "../../src/conversation/assistant.js";
import { EventPipeline } from "../../src/conversation/pipeline.js";
import { storeEvent } from "../../src/storage/inbox.js";
import { SerialLane } from "../../src/storage/serial-lane.js";
import { tempDatabase } from "../helpers/db.js";
import { silentLogger } from "../helpers/logger.js";

const USER = "2468458835291979229";
const textEvent = (msgId: string, text: string) =>
  JSON.stringify({ app_id: "1", event_name: "user_send_text", sender: { id: USER }, recipient: { id: "2" }, message: { msg_id: msgId, text }, timestamp: "1700000000000" });

async function setup(respond: Assistant["respond"]) {
  const { db } = await tempDatabase();
  const flushed: string[] = [];
  const pipeline = new EventPipeline(db, { respond } as Assistant, new QueryLog("secret"), { flushUser: async (u) => void flushed.push(u) }, silentLogger, new SerialLane());
  const store = async (msgId: string, text: string) => (await storeEvent(db, { dedupeKey: `msg:${msgId}`, eventName: "user_send_text", userId: USER, payload: textEvent(msgId, text) })).id;
  return { db, pipeline, flushed, store };
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
});
