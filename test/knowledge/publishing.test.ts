import { tempKnowledge } from "../helpers/knowledge.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Assistant } from "../../src/conversation/assistant.js";
import { entryKey } from "../../src/knowledge/content.js";
import type { KnowledgeEntry } from "../../src/knowledge/entry-schema.js";
import { type KnowledgeModule } from "../../src/knowledge/module.js";
import { PublishRefusal } from "../../src/knowledge/publishing.js";
import { loadItem } from "../../src/knowledge/repository.js";
import { writeKnowledgeSettings } from "../../src/knowledge/settings.js";
import { type Database } from "../../src/storage/database.js";

const alice = { actor: { id: 1, username: "alice" }, name: "Alice" };
const bob = { actor: { id: 2, username: "bob" }, name: "Bob" };
let db: Database;
let k: KnowledgeModule;

beforeAll(async () => {
  ({ db, k } = await tempKnowledge());
});
afterAll(() => db.$disconnect());

const key = entryKey("khai-sinh-dang-ky");
const current = async () => (await loadItem(db, key))?.published?.content as KnowledgeEntry;
const ask = (text: string) => new Assistant({ knowledge: () => k.live.current(), privacyUrl: "https://x/privacy" }).respond({ kind: "text", text }, { privacyNoticeShown: true });

describe("knowledge in the database", () => {
  it("is seeded from knowledge/ on first start", async () => {
    expect(k.sync.created.length).toBeGreaterThan(50);
    expect((await current()).title).toBe("Đăng ký khai sinh");
  });

  it("keeps an edit as a draft until published, then the live assistant answers from it without a restart", async () => {
    const before = await current();
    const saved = await k.publisher.saveDraft(alice, key, { ...before, answer: "Câu trả lời mới về khai sinh." });
    expect(saved.ok).toBe(true);
    expect(ask("thủ tục đăng ký khai sinh cho con").replies[0]?.text).not.toContain("Câu trả lời mới");
    const { ms } = await k.publisher.publish(alice, key);
    expect(ms).toBeLessThan(2_000);
    expect(ask("thủ tục đăng ký khai sinh cho con").replies[0]?.text).toContain("Câu trả lời mới về khai sinh.");
  });

  it("refuses an invalid draft with the field that is wrong", async () => {
    const saved = await k.publisher.saveDraft(alice, key, { ...(await current()), questions: ["một câu"] });
    expect(saved).toMatchObject({ ok: false, problems: [{ field: "questions" }] });
  });

  it("rolls back to an earlier version in one step", async () => {
    const versions = await db.knowledgeVersion.findMany({ where: { key, status: "archived" }, orderBy: { id: "asc" } });
    await k.publisher.rollback(bob, key, versions[0]!.id);
    expect((await current()).answer).not.toContain("Câu trả lời mới");
    expect(await db.auditLog.count({ where: { action: "knowledge.publish", targetId: key } })).toBe(2);
  });

  it("with approval required, the author cannot publish their own draft; another editor can", async () => {
    await writeKnowledgeSettings(db, { requireApproval: true, upstreamFollow: "publish" });
    await k.publisher.saveDraft(alice, key, { ...(await current()), answer: "Bản cần duyệt." });
    await expect(k.publisher.publish(alice, key)).rejects.toBeInstanceOf(PublishRefusal);
    await k.publisher.publish(bob, key);
    expect((await current()).answer).toBe("Bản cần duyệt.");
    await writeKnowledgeSettings(db, { requireApproval: false, upstreamFollow: "publish" });
  });
});
