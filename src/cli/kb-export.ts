import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { writeKnowledgeFiles } from "../knowledge/files.js";
import { databaseKnowledge } from "../knowledge/published.js";
import { openDatabase } from "../storage/database.js";

const USAGE = "Cách dùng: npm run kb:export -- --out THƯ_MỤC [--drafts]\nGhi cơ sở tri thức đang xuất bản (hoặc với --drafts: gồm cả bản nháp) theo đúng định dạng thư mục knowledge/, ý định hội thoại trong THƯ_MỤC/intents/.";

/** npm run kb:export -- --out DIR: the database's knowledge as files, in the format of knowledge/. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, drafts: { type: "boolean" }, help: { type: "boolean" } } });
  if (values.help || !values.out) return console.log(USAGE);
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  try {
    const files = await writeKnowledgeFiles(path.resolve(values.out), await databaseKnowledge(db, config, values.drafts ?? false));
    console.log(`Đã ghi ${files} tệp vào ${values.out}.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});
