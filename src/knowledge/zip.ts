import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { importKnowledgeFiles, knowledgeFiles, type ImportResult } from "./files.js";
import type { KnowledgeBase } from "./loader.js";
import type { Editor, KnowledgePublisher } from "./publishing.js";
import type { Database } from "../storage/database.js";

/** The limits of an uploaded .zip: the base is about 70 small files, so these leave room and stop a zip bomb. */
export const MAX_ZIP_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 2_000;
const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
const SAFE_PATH = /^[a-z0-9._-]+(\/[a-z0-9._-]+)*$/i;

/** The same files as `kb:export` writes, in one .zip (the folder layout kept inside). */
export function knowledgeZip(kb: KnowledgeBase, mtime: number): Uint8Array {
  const files: Zippable = {};
  for (const [file, text] of knowledgeFiles(kb)) files[file] = [new TextEncoder().encode(text), { mtime: new Date(mtime) }];
  return zipSync(files, { level: 6 });
}

/**
 * A .zip in the layout of `kb:export` → drafts, with kb:import's own code: the files are unpacked into a
 * temporary folder and read by importKnowledgeFiles, so an invalid file is refused with its file and field
 * and nothing is imported. Problems name the file as it is inside the .zip.
 */
export async function importKnowledgeZip(db: Database, publisher: KnowledgePublisher, editor: Editor, bytes: Uint8Array): Promise<ImportResult> {
  const unpacked = unpack(bytes);
  if (!unpacked.ok) return { ok: false, problems: [{ file: "(tệp .zip)", field: "(gốc)", message: unpacked.message }] };
  const dir = await mkdtemp(path.join(tmpdir(), "kb-import-"));
  try {
    // A zip made by hand often wraps everything in one folder (tri-thuc/entries/…): look inside it.
    const prefix = commonFolder(Object.keys(unpacked.files));
    for (const [name, data] of Object.entries(unpacked.files)) {
      const target = path.join(dir, name.slice(prefix.length));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    const result = await importKnowledgeFiles(db, publisher, editor, dir);
    if (result.ok) return result;
    return { ok: false, problems: result.problems.map((p) => ({ ...p, file: prefix + path.relative(dir, p.file).split(path.sep).join("/") })) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Unpacked = { ok: true; files: Record<string, Uint8Array> } | { ok: false; message: string };

function unpack(bytes: Uint8Array): Unpacked {
  let count = 0;
  let total = 0;
  let unsafe: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith("/") || f.name.startsWith("__MACOSX/") || path.posix.basename(f.name).startsWith(".")) return false;
        if (!/\.ya?ml$/i.test(f.name)) return false;
        if (!SAFE_PATH.test(f.name) || f.name.split("/").includes("..")) unsafe ??= f.name;
        count += 1;
        total += f.originalSize;
        return unsafe === null && count <= MAX_FILES && total <= MAX_UNPACKED_BYTES;
      },
    });
  } catch {
    return { ok: false, message: "không phải tệp .zip hợp lệ" };
  }
  if (unsafe) return { ok: false, message: `đường dẫn không hợp lệ trong tệp .zip: ${unsafe}` };
  if (count > MAX_FILES || total > MAX_UNPACKED_BYTES) return { ok: false, message: "tệp .zip quá lớn khi giải nén" };
  if (count === 0) return { ok: false, message: "tệp .zip không có tệp YAML nào (cần entries/, province.yaml, synonyms.yaml, intents/)" };
  return { ok: true, files };
}

function commonFolder(names: string[]): string {
  if (names.some((n) => !n.includes("/") || n.startsWith("entries/") || n.startsWith("intents/"))) return "";
  const first = names[0]!.split("/")[0]!;
  return names.every((n) => n.startsWith(`${first}/`)) ? `${first}/` : "";
}
