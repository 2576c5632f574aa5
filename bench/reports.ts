/**
 * Reports benchmark: 1,000,000 QueryLog rows over a year and 20,000 handovers in a temporary SQLite file,
 * then the first rollup (once) and each report, timed over the whole year and over the last 30 days:
 * the usage page, the service gaps page, the national index page, and a quarterly report (.docx and PDF).
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
import { questionGroups, recentQuestions, shareableOf } from "../src/analytics/report-inputs.js";
import { toDocx } from "../src/analytics/doc-docx.js";
import { toPdf } from "../src/analytics/doc-pdf.js";
import { groupsToReview, labelGroups } from "../src/analytics/gap-groups.js";
import { savedLabels } from "../src/analytics/gap-store.js";
import { gapGroupsTable, gapSummaryTable, gapTrendTable } from "../src/analytics/gap-tables.js";
import { INDEX_DIMS, indexGroupsTable, indexTrendTable, placesTable } from "../src/analytics/index-tables.js";
import { quarterReport, type QuarterInput } from "../src/analytics/quarterly.js";
import { quarterInput } from "../src/analytics/quarterly-data.js";
import { refreshRollups } from "../src/analytics/rollup-store.js";
import { usageTables } from "../src/analytics/usage-tables.js";
import type { ReportFilter } from "../src/analytics/filter.js";
import { addDays, quarterOf, vnDay } from "../src/analytics/vn-time.js";
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
      await timed("service gaps page (+ previous period, labels)", lines, async () => {
        const [f, rows, saved] = await Promise.all([loadFacts(db, SECRET, { ...filter, from: addDays(filter.from, -(name === "whole year" ? 366 : 30)) }, now, ["band", "gap"]), recentQuestions(db, filter), savedLabels(db)]);
        const groups = labelGroups(shareableOf(rows, tokens), rows, saved);
        const input = { facts: f.filter((x) => x.day >= filter.from), before: f.filter((x) => x.day < filter.from), groups, period: name === "whole year" ? "month" : "week" } as const;
        return [gapSummaryTable(input), gapTrendTable(input), gapGroupsTable(groupsToReview(groups))];
      });
      await timed("national index page (QĐ 766)", lines, async () => {
        const f = await loadFacts(db, SECRET, filter, now, INDEX_DIMS);
        return [indexGroupsTable(f), indexTrendTable(f, "month"), indexTrendTable(f, "quarter"), placesTable(f)];
      });
      const topicFilter = { ...filter, topic: "cccd", topics: ["cccd"] };
      await timed("facts filtered to one topic", lines, () => loadFacts(db, SECRET, topicFilter, now));
    }
    const quarter = quarterOf(addDays(today, -100));
    lines.push(` quarterly report (${quarter}, vs the quarter before):`);
    const doc = await timed("figures, gaps, examples", lines, async () => quarterReport((await quarterInput(db, SECRET, quarter, now, tokens)) as QuarterInput));
    await timed(".docx", lines, () => toDocx(doc));
    await timed("PDF", lines, () => toPdf(doc));
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
