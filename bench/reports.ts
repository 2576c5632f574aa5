/**
 * Reports benchmark: 1,000,000 QueryLog rows over a year and 20,000 handovers in a temporary SQLite file,
 * then the first rollup (once) and each report, timed over the whole year and over the last 30 days.
 *
 * Run: `npx tsx bench/reports.ts` (or through bench/run.ts, which calls runReportsBench()).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import * as fig from "../src/analytics/figures.js";
import { questionTokens } from "../src/analytics/question-tokens.js";
import { loadFacts, loadHandoffs } from "../src/analytics/report-data.js";
import { questionGroups } from "../src/analytics/report-inputs.js";
import { refreshRollups } from "../src/analytics/rollup-store.js";
import { usageTables } from "../src/analytics/usage-tables.js";
import type { ReportFilter } from "../src/analytics/filter.js";
import { addDays, vnDay } from "../src/analytics/vn-time.js";
import { parseOfficeCalendar } from "../src/handoff/calendar-schema.js";
import { parseSynonyms } from "../src/matching/index.js";
import { openDatabase } from "../src/storage/database.js";
import { seedDefaultTeams } from "../src/staff/teams.js";
import { generateLog } from "./reports-data.js";

const QUERIES = 1_000_000;
const SECRET = "bench-secret";

async function timed<T>(label: string, lines: string[], run: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const value = await run();
  lines.push(`  ${label.padEnd(46)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  return value;
}

export async function runReportsBench(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "reports-bench-"));
  const file = path.join(dir, "bench.db");
  const now = Date.now();
  const lines = [`Reports over ${QUERIES.toLocaleString("en")} logged queries (365 days, 20,000 handovers), SQLite:`];
  try {
    const setup = await openDatabase(`file:${file}`);
    await seedDefaultTeams(setup);
    await setup.$disconnect();
    await timed("generate the log (raw SQL, batches of 50,000)", lines, () => generateLog(file, { queries: QUERIES, handoffs: 20_000, days: 365, now }));
    const db = await openDatabase(`file:${file}`);
    await timed("first rollup of 365 days (once; then daily)", lines, () => refreshRollups(db, SECRET, now));
    const tokens = questionTokens(parseSynonyms(parse(readFileSync("knowledge/synonyms.yaml", "utf8"))));
    const calendar = parseOfficeCalendar({});
    const labels = { topic: (t: string) => t, entry: (e: string) => e, team: (t: number) => String(t) };
    const today = vnDay(now);
    for (const [name, from] of [["whole year", addDays(today, -365)], ["last 30 days", addDays(today, -29)]] as const) {
      const filter: ReportFilter = { from, to: today, topic: null, teamId: null, topics: null };
      lines.push(` ${name}:`);
      const facts = await timed("facts (rollup + today from the log)", lines, () => loadFacts(db, SECRET, filter, now));
      await timed("volume, shares, citizens, load, latency", lines, () => [fig.volume(facts, "week"), fig.bandShares(facts), fig.citizens(facts), fig.load(facts), fig.latency(facts)]);
      await timed("handovers (reasons, ratings, times)", lines, () => loadHandoffs(db, filter));
      await timed("question groups (20,000 latest questions)", lines, () => questionGroups(db, filter, tokens));
      await timed("whole reports page (all of the above)", lines, async () => {
        const [f, h, g] = await Promise.all([loadFacts(db, SECRET, filter, now), loadHandoffs(db, filter), questionGroups(db, filter, tokens)]);
        return usageTables({ facts: f, handoffs: h, groups: g, period: "week", calendar, labels });
      });
      const topicFilter = { ...filter, topic: "cccd", topics: ["cccd"] };
      await timed("facts filtered to one topic", lines, () => loadFacts(db, SECRET, topicFilter, now));
    }
    await db.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runReportsBench().then(console.log, (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
