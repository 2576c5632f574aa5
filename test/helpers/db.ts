import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../src/storage/database.js";

/** A fresh SQLite database in a temporary folder, migrated like the real one. */
export async function tempDatabase(): Promise<{ db: Database; url: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "trolydvc-"));
  const url = `file:${path.join(dir, "test.db")}`;
  return { db: await openDatabase(url), url, dir };
}
