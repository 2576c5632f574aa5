import type { Request, Response, Router } from "express";
import { toCsv } from "../../analytics/csv.js";
import type { ReportFilter } from "../../analytics/filter.js";
import type { ReportTable } from "../../analytics/report-table.js";
import { questionTokens } from "../../analytics/question-tokens.js";
import type { OfficeCalendar } from "../../handoff/office-hours.js";
import type { KnowledgeEntry } from "../../knowledge/entry-schema.js";
import { TOPIC_LABELS } from "../../knowledge/topic-labels.js";
import { TOPICS } from "../../knowledge/topics.js";
import { parseSynonyms } from "../../matching/index.js";
import type { AdminKit } from "../kit.js";
import { mayViewReports } from "../policies.js";
import { assetUrl } from "../views.js";

export interface ReportsDeps {
  calendar: OfficeCalendar;
  /** The published knowledge now (entry titles, the synonym table for grouping questions). */
  knowledge: () => { entries: KnowledgeEntry[]; kb: { synonymsRaw: unknown } };
}

/** What every report page shares: the grouping tokens, the filter form's lists, the assets. */
export interface ReportsContext {
  kit: AdminKit;
  deps: ReportsDeps;
  tokens: () => (text: string) => string[];
  teams: () => Promise<{ id: number; name: string }[]>;
  topics: { id: string; label: string }[];
  scripts: string[];
  styles: string[];
}

export function reportsContext(kit: AdminKit, deps: ReportsDeps): ReportsContext {
  let tokensFor: { raw: unknown; tokens: (text: string) => string[] } | undefined;
  return {
    kit,
    deps,
    tokens: () => {
      const raw = deps.knowledge().kb.synonymsRaw;
      if (!tokensFor || tokensFor.raw !== raw) tokensFor = { raw, tokens: questionTokens(parseSynonyms(raw)) };
      return tokensFor.tokens;
    },
    teams: () => kit.db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    topics: TOPICS.map((t) => ({ id: t, label: TOPIC_LABELS[t] })).sort((a, b) => a.label.localeCompare(b.label, "vi")),
    scripts: [assetUrl("chart.umd.min.js"), assetUrl("reports.js")],
    styles: [assetUrl("reports.css")],
  };
}

export function sendCsv(res: Response, filename: string, body: string): void {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  res.send(body);
}

/** `GET <path>/:table.csv`: one table of a report page, with the page's filter, as CSV. */
export function csvRoute(router: Router, kit: AdminKit, path: string, load: (req: Request) => Promise<{ filter: ReportFilter; tables: ReportTable[] }>): void {
  router.get(`${path}/:table.csv`, kit.allow(mayViewReports), async (req, res) => {
    const data = await load(req);
    const table = data.tables.find((t) => t.id === req.params.table);
    if (!table) return kit.renderError(res, 404);
    sendCsv(res, `${table.id}-${data.filter.from}-${data.filter.to}.csv`, toCsv(table));
  });
}

/** The filter as a query string, for the CSV links. */
export function queryString(f: ReportFilter, period?: string): string {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  if (f.topic) p.set("topic", f.topic);
  if (f.teamId !== null) p.set("team", String(f.teamId));
  if (period) p.set("period", period);
  return p.toString();
}

/** Days from `from` to `to`, both included. */
export function daysIn(f: Pick<ReportFilter, "from" | "to">): number {
  return Math.round((Date.parse(`${f.to}T00:00:00Z`) - Date.parse(`${f.from}T00:00:00Z`)) / 86_400_000) + 1;
}
