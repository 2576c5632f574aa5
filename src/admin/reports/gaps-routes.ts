import type { Request, Router } from "express";
import { groupsToReview, labelGroups, NOT_A_GAP, type LabelledGroup } from "../../analytics/gap-groups.js";
import { savedLabels, saveLabel } from "../../analytics/gap-store.js";
import { gapGroupsTable, gapName, gapSummaryTable, gapTrendTable, groupStatus } from "../../analytics/gap-tables.js";
import { GAPS } from "../../analytics/gaps.js";
import { redactPersonalData } from "../../analytics/redact.js";
import { loadFacts } from "../../analytics/report-data.js";
import { recentQuestions, resolveFilter, shareableOf } from "../../analytics/report-inputs.js";
import { periodLabel } from "../../analytics/report-table.js";
import { addDays } from "../../analytics/vn-time.js";
import { text } from "../form.js";
import { mayViewReports } from "../policies.js";
import { csvRoute, daysIn, queryString, type ReportsContext } from "./context.js";

/** Groups of questions listed for labelling, at most. */
const REVIEW_LIMIT = 40;

/** The service gaps page: each gap's volume and trend, example wordings, and the analysts' labels on question groups. */
export function gapsRoutes(router: Router, ctx: ReportsContext): void {
  const { kit } = ctx;

  const load = async (req: Request) => {
    const filter = await resolveFilter(kit.db, req.query, kit.now());
    const days = daysIn(filter);
    const period = req.query.period === "week" || req.query.period === "month" ? req.query.period : days > 92 ? "month" : "week";
    const beforeFrom = addDays(filter.from, -days);
    const [facts, rows, saved] = await Promise.all([
      loadFacts(kit.db, kit.config.sessionSecret, { ...filter, from: beforeFrom }, kit.now(), ["band", "gap"]),
      recentQuestions(kit.db, filter),
      savedLabels(kit.db),
    ]);
    const groups = labelGroups(shareableOf(rows, ctx.tokens()), rows, saved);
    const input = { facts: facts.filter((f) => f.day >= filter.from), before: facts.filter((f) => f.day < filter.from), groups, period } as const;
    const review = groupsToReview(groups).slice(0, REVIEW_LIMIT);
    return { filter, period, review, tables: [gapSummaryTable(input), gapTrendTable(input), gapGroupsTable(review)] };
  };

  router.get("/reports/gaps", kit.allow(mayViewReports), async (req, res) => {
    const data = await load(req);
    const query = queryString(data.filter, data.period);
    kit.render(res, "reports/gaps", {
      title: "Vướng mắc dịch vụ công",
      ...data,
      summary: data.tables[0],
      trend: data.tables[1],
      groupsTable: data.tables[2],
      rows: data.review.map((g) => reviewRow(g)),
      choices: [...GAPS.map((g) => ({ id: g.id, label: g.label })), { id: NOT_A_GAP, label: gapName(NOT_A_GAP) }],
      range: { from: periodLabel(data.filter.from), to: periodLabel(data.filter.to) },
      query,
      done: req.query.done === "saved",
      topics: ctx.topics,
      teams: await ctx.teams(),
      scripts: ctx.scripts,
      styles: ctx.styles,
    });
  });

  csvRoute(router, kit, "/reports/gaps", load);

  router.post("/reports/gaps/label", kit.allow(mayViewReports), async (req, res) => {
    const groupKey = text(req.body, "groupKey").slice(0, 500);
    const gap = text(req.body, "gap");
    const suggested = text(req.body, "suggested");
    if (!groupKey || !(gap === NOT_A_GAP || GAPS.some((g) => g.id === gap)) || !(suggested === "" || GAPS.some((g) => g.id === suggested))) return kit.renderError(res, 400, "Nhãn không hợp lệ. Vui lòng chọn lại trong danh sách.");
    const label = redactPersonalData(text(req.body, "label")).slice(0, 300);
    const me = kit.principal(req);
    const { before, after } = await saveLabel(kit.db, { groupKey, gap, suggested, label }, me.id, new Date(kit.now()));
    const corrected = gap !== (suggested || NOT_A_GAP);
    await kit.audit(req, {
      action: corrected ? "gap_label.corrected" : "gap_label.confirmed",
      targetType: "gap_label",
      targetId: groupKey,
      before: before ? { gap: before.gap, suggested: before.suggested, label: before.label } : null,
      after: { gap: after.gap, suggested: after.suggested, label: after.label },
    });
    const back = new URLSearchParams(text(req.body, "back"));
    back.set("done", "saved");
    res.redirect(303, `/admin/reports/gaps?${back.toString()}#labels`);
  });
}

function reviewRow(g: LabelledGroup) {
  return {
    key: g.key,
    label: g.label,
    count: g.count,
    citizens: g.citizens,
    others: g.examples.slice(1),
    suggested: g.suggested ?? "",
    suggestedName: gapName(g.suggested),
    current: g.saved?.gap ?? g.suggested ?? NOT_A_GAP,
    status: groupStatus(g),
    by: g.saved?.confirmedBy ?? null,
    at: g.saved?.confirmedAt ?? null,
    unanswered: g.unanswered >= 0.5,
  };
}
