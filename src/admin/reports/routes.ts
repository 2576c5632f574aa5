import { Router, type Request, type Response } from "express";
import { toCsv } from "../../analytics/csv.js";
import type { ReportFilter } from "../../analytics/filter.js";
import { questionTokens } from "../../analytics/question-tokens.js";
import { loadFacts, loadHandoffs } from "../../analytics/report-data.js";
import { questionGroups, resolveFilter } from "../../analytics/report-inputs.js";
import { periodLabel, type ReportTable } from "../../analytics/report-table.js";
import { usageTables, type Labels } from "../../analytics/usage-tables.js";
import type { OfficeCalendar } from "../../handoff/office-hours.js";
import type { KnowledgeEntry } from "../../knowledge/entry-schema.js";
import { TOPIC_LABELS } from "../../knowledge/topic-labels.js";
import { TOPICS, type Topic } from "../../knowledge/topics.js";
import { parseSynonyms } from "../../matching/index.js";
import type { AdminKit } from "../kit.js";
import { mayViewReports } from "../policies.js";
import type { AdminMount } from "../router.js";
import { assetUrl } from "../views.js";

export interface ReportsDeps {
  calendar: OfficeCalendar;
  /** The published knowledge now (entry titles, the synonym table for grouping questions). */
  knowledge: () => { entries: KnowledgeEntry[]; kb: { synonymsRaw: unknown } };
}

const PERIODS = ["day", "week", "month"] as const;
type Period = (typeof PERIODS)[number];

/** The analysts' reports: figures of the query log and the handovers, as tables, charts and CSV. */
export function reportsRoutes(deps: ReportsDeps): AdminMount {
  let tokensFor: { raw: unknown; tokens: (text: string) => string[] } | undefined;
  const tokens = () => {
    const raw = deps.knowledge().kb.synonymsRaw;
    if (!tokensFor || tokensFor.raw !== raw) tokensFor = { raw, tokens: questionTokens(parseSynonyms(raw)) };
    return tokensFor.tokens;
  };
  const scripts = [assetUrl("chart.umd.min.js"), assetUrl("reports.js")];
  const styles = [assetUrl("reports.css")];
  return (router: Router, kit: AdminKit) => {
    kit.addNavLink({ href: "/admin/reports", label: "Báo cáo", description: "Người dân hỏi gì, Trợ lý trả lời ra sao, chỗ nào dịch vụ công còn vướng.", allowed: mayViewReports });
    const teams = () => kit.db.team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });

    const tables = async (req: Request): Promise<{ filter: ReportFilter; period: Period; tables: ReportTable[] }> => {
      const filter = await resolveFilter(kit.db, req.query, kit.now());
      const period = PERIODS.find((p) => p === req.query.period) ?? "day";
      const [facts, handoffs, groups, teamList] = await Promise.all([loadFacts(kit.db, kit.config.sessionSecret, filter, kit.now()), loadHandoffs(kit.db, filter), questionGroups(kit.db, filter, tokens()), teams()]);
      const teamNames = new Map(teamList.map((t) => [t.id, t.name]));
      const titles = new Map(deps.knowledge().entries.map((e) => [e.id, e.title]));
      const labels: Labels = { topic: (id) => TOPIC_LABELS[id as Topic] ?? id, entry: (id) => titles.get(id) ?? id, team: (id) => teamNames.get(id) ?? `Nhóm #${id}` };
      return { filter, period, tables: usageTables({ facts, handoffs, groups, period, calendar: deps.calendar, labels }) };
    };

    router.get("/reports", kit.allow(mayViewReports), async (req, res) => {
      const data = await tables(req);
      const topics = TOPICS.map((t) => ({ id: t, label: TOPIC_LABELS[t] })).sort((a, b) => a.label.localeCompare(b.label, "vi"));
      kit.render(res, "reports/index", { title: "Báo cáo", ...data, range: { from: periodLabel(data.filter.from), to: periodLabel(data.filter.to) }, query: queryString(data.filter, data.period), topics, teams: await teams(), scripts, styles });
    });

    router.get("/reports/:table.csv", kit.allow(mayViewReports), async (req, res) => {
      const data = await tables(req);
      const table = data.tables.find((t) => t.id === req.params.table);
      if (!table) return kit.renderError(res, 404);
      sendCsv(res, `${table.id}-${data.filter.from}-${data.filter.to}.csv`, toCsv(table));
    });
  };
}

export function sendCsv(res: Response, filename: string, body: string): void {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  res.send(body);
}

/** The filter as a query string, for the CSV links. */
export function queryString(f: ReportFilter, period?: string): string {
  const p = new URLSearchParams({ from: f.from, to: f.to });
  if (f.topic) p.set("topic", f.topic);
  if (f.teamId !== null) p.set("team", String(f.teamId));
  if (period) p.set("period", period);
  return p.toString();
}
