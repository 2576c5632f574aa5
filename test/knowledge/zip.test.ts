import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Config } from "../../src/config.js";
import { tempKnowledge } from "../helpers/knowledge.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { baseOf, canonical, entryKey } from "../../src/knowledge/content.js";
import { knowledgeFiles } from "../../src/knowledge/files.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { type KnowledgeModule } from "../../src/knowledge/module.js";
import { contentsOf, loadItem, loadItems } from "../../src/knowledge/repository.js";
import { importKnowledgeZip, knowledgeZip } from "../../src/knowledge/zip.js";
import { type Database } from "../../src/storage/database.js";

const editor = { actor: { id: 1, username: "bien.tap" }, name: "Biên tập" };
const FILE = "entries/khai-sinh/khai-sinh-dang-ky.yaml";
let db: Database;
let k: KnowledgeModule;
let config: Config;

beforeAll(async () => {
  ({ db, k, config } = await tempKnowledge());
});
afterAll(() => db.$disconnect());

const edit = (bytes: Uint8Array, change: Record<string, unknown>) => strToU8(stringify({ ...(parse(strFromU8(bytes)) as object), ...change }));
const exported = async () => unzipSync(knowledgeZip(baseOf(contentsOf(await loadItems(db))), Date.now()));

describe("the .zip export and import", () => {
  it("holds exactly the files kb:export writes, equivalent to knowledge/", async () => {
    const files = await exported();
    const kb = await loadKnowledgeBase(config);
    expect(Object.keys(files).sort()).toEqual(knowledgeFiles(kb).map(([f]) => f).sort());
    expect(strFromU8(files[FILE]!)).toBe(knowledgeFiles(kb).find(([f]) => f === FILE)![1]);
  });

  it("imports an edited .zip as drafts; an unchanged one creates none", async () => {
    const files = await exported();
    expect(await importKnowledgeZip(db, k.publisher, editor, zipSync(files))).toEqual({ ok: true, drafts: [] });
    files[FILE] = edit(files[FILE]!, { answer: "Câu trả lời nhập từ tệp zip." });
    const result = await importKnowledgeZip(db, k.publisher, editor, zipSync({ "tri-thuc": files }));
    expect(result).toEqual({ ok: true, drafts: [entryKey("khai-sinh-dang-ky")] });
    const item = await loadItem(db, entryKey("khai-sinh-dang-ky"));
    expect((item?.draft?.content as { answer: string }).answer).toBe("Câu trả lời nhập từ tệp zip.");
    expect(item?.draft?.origin).toBe("import");
  });

  it("refuses an invalid file with its file and field, and imports nothing", async () => {
    const before = canonical(await loadItems(db));
    const files = await exported();
    files[FILE] = edit(files[FILE]!, { verified_on: "hôm qua" });
    files["entries/ket-hon/ket-hon-dang-ky.yaml"] = edit(files["entries/ket-hon/ket-hon-dang-ky.yaml"]!, { answer: "Đổi." });
    const result = await importKnowledgeZip(db, k.publisher, editor, zipSync(files));
    expect(result).toMatchObject({ ok: false, problems: [{ file: FILE, field: "verified_on" }] });
    expect(canonical(await loadItems(db))).toBe(before);
  });

  it("refuses what is not a knowledge .zip", async () => {
    expect(await importKnowledgeZip(db, k.publisher, editor, strToU8("not a zip"))).toMatchObject({ ok: false, problems: [{ message: "không phải tệp .zip hợp lệ" }] });
    expect(await importKnowledgeZip(db, k.publisher, editor, zipSync({ "../evil.yaml": strToU8("a: 1") }))).toMatchObject({ ok: false, problems: [{ message: /đường dẫn không hợp lệ/ }] });
  });
});
