import path from "node:path";
import { loadConfig } from "../config.js";
import { importKnowledgeFiles } from "../knowledge/files.js";
import { formatProblem } from "../knowledge/loader.js";
import { databaseKnowledge } from "../knowledge/published.js";
import { KnowledgePublisher } from "../knowledge/publishing.js";
import { buildSnapshot, LiveKnowledge } from "../knowledge/snapshot.js";
import { openDatabase } from "../storage/database.js";

const USAGE = "Cách dùng: npm run kb:import -- THƯ_MỤC\nĐọc THƯ_MỤC theo định dạng của knowledge/ (ý định trong THƯ_MỤC/intents/); mỗi mục khác với cơ sở dữ liệu thành một bản nháp, chờ xuất bản trong trang cán bộ.";

/** npm run kb:import -- DIR: every changed file becomes a draft; any invalid file refuses the whole import. */
async function main(): Promise<void> {
  const dir = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!dir) return console.log(USAGE);
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  try {
    const live = new LiveKnowledge(buildSnapshot(await databaseKnowledge(db, config), config));
    const publisher = new KnowledgePublisher({ db, config, live, now: Date.now });
    const result = await importKnowledgeFiles(db, publisher, { actor: null, name: "dòng lệnh (kb:import)" }, path.resolve(dir));
    if (!result.ok) {
      for (const p of result.problems) console.log(`LỖI ${formatProblem({ ...p, file: path.relative(process.cwd(), p.file) })}`);
      console.log(`Không nhập gì: ${result.problems.length} lỗi.`);
      process.exitCode = 1;
      return;
    }
    for (const key of result.drafts) console.log(`Bản nháp: ${key}`);
    console.log(`Đã tạo ${result.drafts.length} bản nháp; xuất bản trong trang cán bộ (Tri thức).`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});
