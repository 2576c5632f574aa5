import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { baseOf, entryKey } from "../../src/knowledge/content.js";
import type { KnowledgeEntry } from "../../src/knowledge/entry-schema.js";
import { Lane } from "../../src/knowledge/lane.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { KnowledgePublisher } from "../../src/knowledge/publishing.js";
import { contentsOf, loadItem, loadItems } from "../../src/knowledge/repository.js";
import { buildSnapshot, LiveKnowledge } from "../../src/knowledge/snapshot.js";
import { syncUpstream } from "../../src/knowledge/upstream.js";
import { openDatabase, type Database } from "../../src/storage/database.js";

const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${path.join(mkdtempSync(path.join(tmpdir(), "kb-lane-")), "app.db")}` });
const alice = { actor: { id: 1, username: "alice" }, name: "Alice" };
let db: Database;

beforeAll(async () => {
  db = await openDatabase(config.databaseUrl);
  await syncUpstream(db, await loadKnowledgeBase(config), Date.now);
});
afterAll(() => db.$disconnect());

describe("publishing one at a time", () => {
  it("the lane runs jobs in order, one after the other, and a failure does not block the next", async () => {
    const lane = new Lane();
    const log: string[] = [];
    const job = (name: string, ms: number, fail = false) => lane.run(async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
    });
    const results = await Promise.allSettled([job("a", 40, true), job("b", 1)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b"]);
  });

  it("a slower, older publication never replaces a newer one: both changes are live", async () => {
    let builds = 0;
    // The first build (the older publication) takes 300 ms; the second one is immediate.
    const slowFirst: typeof buildSnapshot = (kb, cfg, now) => {
      builds += 1;
      if (builds === 1) {
        const end = Date.now() + 300;
        while (Date.now() < end) { /* a slow build */ }
      }
      return buildSnapshot(kb, cfg, now);
    };
    const live = new LiveKnowledge(buildSnapshot(baseOf(contentsOf(await loadItems(db))), config));
    const publisher = new KnowledgePublisher({ db, config, live, now: Date.now, build: slowFirst });
    const keys = [entryKey("khai-sinh-dang-ky"), entryKey("ket-hon-dang-ky")];
    for (const [n, key] of keys.entries()) {
      const entry = (await loadItem(db, key))!.published!.content as KnowledgeEntry;
      expect((await publisher.saveDraft(alice, key, { ...entry, answer: `Bản mới số ${n + 1}.` })).ok).toBe(true);
    }
    await Promise.all(keys.map((key) => publisher.publish(alice, key)));
    const answers = live.current().entries.filter((e) => keys.includes(entryKey(e.id))).map((e) => e.answer);
    expect(answers.sort()).toEqual(["Bản mới số 1.", "Bản mới số 2."]);
  });
});
