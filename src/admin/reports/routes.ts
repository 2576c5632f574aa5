import { Router, type Request } from "express";
import type { ReportFilter } from "../../analytics/filter.js";
import { loadFacts, loadHandoffs } from "../../analytics/report-data.js";
import { questionGroups, resolveFilter } from "../../analytics/report-inputs.js";
import { periodLabel, type ReportTable } from "../../analytics/report-table.js";
import { usageTables, type Labels } from "../../analytics/usage-tables.js";
import { TOPIC_LABELS } from "../../knowledge/topic-labels.js";
import type { Topic } from "../../knowledge/topics.js";
import type { AdminKit } from "../kit.js";
import { mayViewReports } from "../policies.js";
import type { AdminMount } from "../router.js";
import { csvRoute, queryString, reportsContext, type ReportsDeps } from "./context.js";
import { gapsRoutes } from "./gaps-routes.js";
import { indexRoutes } from "./index-routes.js";
import { quarterChoices, quarterlyRoutes } from "./quarterly-routes.js";

export type { ReportsDeps } from "./context.js";

const PERIODS = ["day", "week", "month"] as const;
type Period = (typeof PERIODS)[number];

/** The analysts' reports: figures of the query log and the handovers, as tables, charts and CSV; gaps, the national index, the quarterly report. */
export function reportsRoutes(deps: ReportsDeps): AdminMount {
  return (router: Router, kit: AdminKit) => {
    const ctx = reportsContext(kit, deps);
    kit.addNavLink({ href: "/admin/reports", label: "Báo cáo", description: "Người dân hỏi gì, Trợ lý trả lời ra sao, chỗ nào dịch vụ công còn vướng.", allowed: mayViewReports });

    const tables = async (req: Request): Promise<{ filter: ReportFilter; period: Period; tables: ReportTable[] }> => {
      const filter = await resolveFilter(kit.db, req.query, kit.now());
      const period = PERIODS.find((p) => p === req.query.period) ?? "day";
      const [facts, handoffs, groups, teamList] = await Promise.all([loadFacts(kit.db, kit.config.sessionSecret, filter, kit.now()), loadHandoffs(kit.db, filter), questionGroups(kit.db, filter, ctx.tokens()), ctx.teams()]);
      const teamNames = new Map(teamList.map((t) => [t.id, t.name]));
      const titles = new Map(deps.knowledge().entries.map((e) => [e.id, e.title]));
      const labels: Labels = { topic: (id) => TOPIC_LABELS[id as Topic] ?? id, entry: (id) => titles.get(id) ?? id, team: (id) => teamNames.get(id) ?? `Nhóm #${id}` };
      return { filter, period, tables: usageTables({ facts, handoffs, groups, period, calendar: deps.calendar, labels }) };
    };

    router.get("/reports", kit.allow(mayViewReports), async (req, res) => {
      const data = await tables(req);
      const quarters = quarterChoices(kit.now());
      kit.render(res, "reports/index", { title: "Báo cáo", ...data, range: { from: periodLabel(data.filter.from), to: periodLabel(data.filter.to) }, query: queryString(data.filter, data.period), topics: ctx.topics, teams: await ctx.teams(), quarters, scripts: ctx.scripts, styles: ctx.styles });
    });

    gapsRoutes(router, ctx);
    indexRoutes(router, ctx);
    quarterlyRoutes(router, ctx);

    csvRoute(router, kit, "/reports", tables);
  };
}
