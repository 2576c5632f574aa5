import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { baseOf } from "../knowledge/content.js";
import { writeKnowledgeFiles } from "../knowledge/files.js";
import { loadKnowledgeBase } from "../knowledge/loader.js";
import { contentsOf, loadItems } from "../knowledge/repository.js";
import { syncUpstream } from "../knowledge/upstream.js";
import { openDatabase } from "../storage/database.js";

const USAGE = "Cách dùng: npm run kb:export -- --out THƯ_MỤC [--drafts]\nGhi cơ sở tri thức đang xuất bản (hoặc với --drafts: gồm cả bản nháp) theo đúng định dạng thư mục knowledge/, ý định hội thoại trong THƯ_MỤC/intents/.";

/** npm run kb:export -- --out DIR: the database's knowledge as files, in the format of knowledge/. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, drafts: { type: "boolean" }, help: { type: "boolean" } } });
  if (values.help || !values.out) return console.log(USAGE);
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  try {
    if ((await db.knowledgeItem.count()) === 0) await syncUpstream(db, await loadKnowledgeBase(config), Date.now);
    const files = await writeKnowledgeFiles(path.resolve(values.out), baseOf(contentsOf(await loadItems(db), values.drafts ?? false)));
    console.log(`Đã ghi ${files} tệp vào ${values.out}.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});
