import path from "node:path";
import { loadConfig } from "../config.js";
import { expiresWithin, isExpired, reviewDue } from "../knowledge/expiry.js";
import { EXPIRING_DAYS } from "../knowledge/listing.js";
import { formatProblem, readKnowledge } from "../knowledge/loader.js";
import { TOPICS } from "../knowledge/topics.js";

/** npm run kb:check [-- --json]: validates every knowledge file; exits 1 on any error. */
async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const config = loadConfig();
  const { kb, problems, rejectedFiles } = await readKnowledge(config);
  const relative = problems.map((p) => ({ ...p, file: path.relative(process.cwd(), p.file) }));

  const topics: Record<string, number> = Object.fromEntries(TOPICS.map((t) => [t, 0]));
  for (const entry of kb.entries) topics[entry.topic] = (topics[entry.topic] ?? 0) + 1;
  const missingSources = new Set(relative.filter((p) => p.field.startsWith("sources")).map((p) => p.file)).size;
  const flagged = kb.entries.filter((e) => e.needs_review !== false);
  const now = Date.now();
  const expired = kb.entries.filter((e) => isExpired(e, now)).map((e) => e.id);
  const expiring = kb.entries.filter((e) => expiresWithin(e, now, EXPIRING_DAYS)).map((e) => e.id);
  const reviewDueIds = kb.entries.filter((e) => reviewDue(e, now)).map((e) => e.id);
  const summary = {
    entries: kb.entries.length + rejectedFiles,
    topics,
    missingSources,
    needsReview: flagged.length,
    expired,
    expiring,
    reviewDue: reviewDueIds,
    errors: relative,
  };

  if (json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    for (const p of relative) console.log(`LỖI ${formatProblem(p)}`);
    const uncovered = TOPICS.filter((t) => topics[t] === 0);
    if (uncovered.length > 0) console.log(`Chủ đề chưa có mục nào: ${uncovered.join(", ")}`);
    for (const e of flagged) console.log(`Cần rà soát: ${e.id}: ${e.needs_review}`);
    for (const id of expired) console.log(`Hết hiệu lực (Trợ lý không trả lời như thông tin hiện hành): ${id}`);
    for (const id of expiring) console.log(`Hết hiệu lực trong ${EXPIRING_DAYS} ngày tới: ${id}`);
    for (const id of reviewDueIds) console.log(`Đến hạn rà soát: ${id}`);
    console.log(
      `${summary.entries} mục, ${TOPICS.length - uncovered.length}/${TOPICS.length} chủ đề, ${kb.intents.length} ý định hội thoại, ` +
        `${flagged.length} cần rà soát, ${relative.length} lỗi.`,
    );
  }
  process.exitCode = relative.length > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 2;
});
