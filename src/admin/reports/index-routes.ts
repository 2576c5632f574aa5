import type { Request, Router } from "express";
import { INDEX_DIMS, indexGroupsTable, indexTrendTable, placesTable } from "../../analytics/index-tables.js";
import { loadFacts } from "../../analytics/report-data.js";
import { resolveFilter } from "../../analytics/report-inputs.js";
import { periodLabel } from "../../analytics/report-table.js";
import { monthStartBefore, vnDay } from "../../analytics/vn-time.js";
import { mayViewReports } from "../policies.js";
import { csvRoute, queryString, type ReportsContext } from "./context.js";

/** The national index page (QĐ 766/QĐ-TTg): the assistant's evidence by index group, month, quarter and commune. */
export function indexRoutes(router: Router, ctx: ReportsContext): void {
  const { kit } = ctx;

  const load = async (req: Request) => {
    const query = { ...(req.query as Record<string, unknown>) };
    // By default the last twelve months, from the first of the month, so months and quarters are whole.
    if (!query.from) query.from = monthStartBefore(typeof query.to === "string" && /^\d{4}-\d{2}-\d{2}$/.test(query.to) ? query.to : vnDay(kit.now()), 11);
    const filter = await resolveFilter(kit.db, query, kit.now());
    const facts = await loadFacts(kit.db, kit.config.sessionSecret, filter, kit.now(), INDEX_DIMS);
    return { filter, tables: [indexGroupsTable(facts), indexTrendTable(facts, "month"), indexTrendTable(facts, "quarter"), placesTable(facts)] };
  };

  router.get("/reports/index-766", kit.allow(mayViewReports), async (req, res) => {
    const data = await load(req);
    kit.render(res, "reports/index-766", {
      title: "Chỉ số phục vụ người dân (QĐ 766)",
      ...data,
      range: { from: periodLabel(data.filter.from), to: periodLabel(data.filter.to) },
      query: queryString(data.filter),
      topics: ctx.topics,
      teams: await ctx.teams(),
      scripts: ctx.scripts,
      styles: ctx.styles,
    });
  });

  csvRoute(router, kit, "/reports/index-766", load);
}
