import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { baseOf, canonical, entryKey } from "../../src/knowledge/content.js";
import type { KnowledgeEntry } from "../../src/knowledge/entry-schema.js";
import { exportDirs, importKnowledgeFiles, writeKnowledgeFiles } from "../../src/knowledge/files.js";
import { readKnowledge } from "../../src/knowledge/loader.js";
import { createKnowledge } from "../../src/knowledge/module.js";
import { contentsOf, loadItem, loadItems } from "../../src/knowledge/repository.js";
import { writeKnowledgeSettings } from "../../src/knowledge/settings.js";
import { resolveUpstream, syncUpstream } from "../../src/knowledge/upstream.js";
import { createLogger } from "../../src/logger.js";
import { openDatabase } from "../../src/storage/database.js";

const logger = createLogger({ level: "silent", pretty: false });
const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `kb-${name}-`));
const editor = { actor: { id: 1, username: "alice" }, name: "Alice" };

async function fresh(knowledgeDir = "knowledge") {
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: `file:${path.join(temp("db"), "app.db")}`, KNOWLEDGE_DIR: knowledgeDir });
  const db = await openDatabase(config.databaseUrl);
  return { db, config, k: await createKnowledge({ db, config, logger }) };
}

describe("export and import in the format of knowledge/", () => {
  it("exports a fresh database as files with the same parsed content as knowledge/ and intents/", async () => {
    const { db } = await fresh();
    const out = temp("export");
    await writeKnowledgeFiles(out, baseOf(contentsOf(await loadItems(db))));
    const original = await readKnowledge({ knowledgeDir: "knowledge", intentsDir: "intents" });
    const exported = await readKnowledge(exportDirs(out));
    expect(exported.problems).toEqual([]);
    expect(canonical(exported.kb)).toBe(canonical(original.kb));
    await db.$disconnect();
  });

  it("imports an edited folder as drafts, and refuses an invalid file naming file and field", async () => {
    const { db, k } = await fresh();
    const dir = temp("import");
    await writeKnowledgeFiles(dir, baseOf(contentsOf(await loadItems(db))));
    const file = path.join(dir, "entries", "khai-sinh", "khai-sinh-dang-ky.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^title: .*$/m, "title: Đăng ký khai sinh cho trẻ"));
    const ok = await importKnowledgeFiles(db, k.publisher, editor, dir);
    expect(ok).toEqual({ ok: true, drafts: [entryKey("khai-sinh-dang-ky")] });
    expect(((await loadItem(db, entryKey("khai-sinh-dang-ky")))?.draft?.content as KnowledgeEntry).title).toBe("Đăng ký khai sinh cho trẻ");

    writeFileSync(file, readFileSync(file, "utf8").replace(/^verified_on: .*$/m, "verified_on: hôm qua"));
    const refused = await importKnowledgeFiles(db, k.publisher, editor, dir);
    expect(refused).toMatchObject({ ok: false, problems: [{ file, field: "verified_on", message: "phải là ngày dạng YYYY-MM-DD" }] });
    await db.$disconnect();
  });
});

describe("upstream updates", () => {
  it("an untouched entry follows upstream; an entry edited locally is offered for merging, three ways", async () => {
    const v1 = temp("upstream");
    cpSync("knowledge", v1, { recursive: true });
    const { db, k } = await fresh(v1);
    const edited = entryKey("khai-tu-dang-ky");
    const local = (await loadItem(db, edited))?.published?.content as KnowledgeEntry;
    await k.publisher.saveDraft(editor, edited, { ...local, answer: `${local.answer} (tỉnh bổ sung)` });
    await k.publisher.publish(editor, edited);

    const change = (rel: string, from: RegExp, to: string) => writeFileSync(path.join(v1, rel), readFileSync(path.join(v1, rel), "utf8").replace(from, to));
    change("entries/khai-sinh/khai-sinh-dang-ky.yaml", /^verified_on: .*$/m, "verified_on: 2026-12-20");
    change("entries/khai-tu/khai-tu-dang-ky.yaml", /^verified_on: .*$/m, "verified_on: 2026-12-20");
    const files = (await readKnowledge({ knowledgeDir: v1, intentsDir: "intents" })).kb;
    const report = await syncUpstream(db, files, Date.now);
    expect(report.followed).toEqual([entryKey("khai-sinh-dang-ky")]);
    expect(report.offered).toEqual([edited]);
    expect(((await loadItem(db, entryKey("khai-sinh-dang-ky")))?.published?.content as KnowledgeEntry).verified_on).toBe("2026-12-20");

    await resolveUpstream(db, k.publisher, editor, edited, "merge");
    const merged = (await loadItem(db, edited))?.draft?.content as KnowledgeEntry;
    expect(merged.verified_on).toBe("2026-12-20");
    expect(merged.answer).toContain("(tỉnh bổ sung)");
    expect((await loadItem(db, edited))?.pendingUpstream).toBeNull();
    await db.$disconnect();
  });

  it("with the setting on drafts, an untouched entry's upstream change waits as a draft", async () => {
    const v1 = temp("upstream-draft");
    cpSync("knowledge", v1, { recursive: true });
    const { db } = await fresh(v1);
    await writeKnowledgeSettings(db, { requireApproval: false, upstreamFollow: "draft" });
    const file = path.join(v1, "entries/khai-sinh/khai-sinh-dang-ky.yaml");
    const bundled = readFileSync(file, "utf8");
    const checkedBefore = /^verified_on: (.*)$/m.exec(bundled)?.[1];
    writeFileSync(file, bundled.replace(/^verified_on: .*$/m, "verified_on: 2026-12-21"));
    const report = await syncUpstream(db, (await readKnowledge({ knowledgeDir: v1, intentsDir: "intents" })).kb, Date.now);
    expect(report.drafted).toEqual([entryKey("khai-sinh-dang-ky")]);
    const item = await loadItem(db, entryKey("khai-sinh-dang-ky"));
    expect((item?.draft?.content as KnowledgeEntry).verified_on).toBe("2026-12-21");
    expect((item?.published?.content as KnowledgeEntry).verified_on).toBe(checkedBefore);
    await db.$disconnect();
  });
});
