import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { citizenLabels, countByOrigin, pilotLines, staffLabels, type PilotLine } from "../analytics/labelled-queries.js";
import { redactPersonalData } from "../analytics/redact.js";
import { loadConfig, type Config } from "../config.js";
import { databaseKnowledge } from "../knowledge/published.js";
import { unansweredGroups } from "../knowledge/unanswered.js";
import { openDatabase, type Database } from "../storage/database.js";

const USAGE = [
  "Cách dùng: npm run eval:export -- --out THƯ_MỤC [--days 90]",
  "Ghi các câu hỏi thật của người dân đã có nhãn (mục người dân chọn trong gợi ý, câu trả lời được 👍, quyết định của cán bộ",
  "ở mục «Câu hỏi chưa trả lời được») thành tệp JSONL trong THƯ_MỤC, để chấm bằng: npm run eval -- --pilot THƯ_MỤC",
].join("\n");

const DAY_MS = 24 * 60 * 60 * 1000;

/** The labelled queries of the last `days`, redacted once more (the log is redacted when written; the rules may have grown since). */
export async function exportPilotSet(db: Database, config: Config, days: number, now = Date.now()): Promise<PilotLine[]> {
  const kb = await databaseKnowledge(db, config);
  const rows = await db.queryLog.findMany({
    where: { createdAt: { gte: new Date(now - days * DAY_MS) } },
    orderBy: { id: "asc" },
    select: { id: true, text: true, userKey: true, createdAt: true, outcome: true, matchedId: true, chosenId: true },
  });
  const groups = await unansweredGroups(db, kb.synonymsRaw, now, days);
  const decisions = await db.unansweredDecision.findMany({ where: { key: { in: groups.map((g) => g.key) } } });
  const topics = new Map(kb.entries.map((e) => [e.id, e.topic]));
  const staff = staffLabels(groups, new Map(decisions.map((d) => [d.key, d])));
  const lines = pilotLines(rows, staff, citizenLabels(rows), (id) => topics.get(id));
  return lines.map((l) => ({ ...l, question: redactPersonalData(l.question) }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, days: { type: "string", default: "90" }, help: { type: "boolean" } } });
  const days = Number(values.days);
  if (values.help || !values.out) return console.log(USAGE);
  if (!Number.isInteger(days) || days < 1) throw new Error(`--days phải là số ngày nguyên dương, không phải «${values.days}».`);
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  try {
    const lines = await exportPilotSet(db, config, days);
    if (lines.length === 0) return console.log(`Chưa có câu hỏi nào được gắn nhãn trong ${days} ngày qua: không ghi tệp nào.`);
    const file = path.join(path.resolve(values.out), `pilot-${new Date().toISOString().slice(0, 10)}.jsonl`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n", "utf8");
    console.log(`Đã ghi ${lines.length} câu hỏi có nhãn vào ${file} (${countByOrigin(lines.map((l) => l.kind))}).`);
    console.log("Tệp chứa câu hỏi của người dân (đã che số điện thoại, số giấy tờ, họ tên): giữ trong đơn vị, không đưa lên kho mã.");
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 2;
  });
}
