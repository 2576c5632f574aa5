import type { Request, Response, Router } from "express";
import { toDocx } from "../../analytics/doc-docx.js";
import { toPdf } from "../../analytics/doc-pdf.js";
import { quarterReport } from "../../analytics/quarterly.js";
import { QUARTER_ID, quarterInput, recentQuarters } from "../../analytics/quarterly-data.js";
import { periodLabel } from "../../analytics/report-table.js";
import { mayViewReports } from "../policies.js";
import type { ReportsContext } from "./context.js";

/** The quarters offered on the reports page, newest first; the current one is still running. */
export function quarterChoices(now: number): { id: string; label: string }[] {
  return recentQuarters(now).map((q, i) => ({ id: q, label: i === 0 ? `${periodLabel(q)} (đến hôm nay)` : periodLabel(q) }));
}

const FORMATS = {
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", write: toDocx },
  pdf: { type: "application/pdf", write: toPdf },
} as const;

/** The quarterly report as Word and PDF: /admin/reports/quarterly.docx?quarter=2026-Q4 (and .pdf). */
export function quarterlyRoutes(router: Router, ctx: ReportsContext): void {
  const { kit } = ctx;
  const send = (format: keyof typeof FORMATS) => async (req: Request, res: Response) => {
    const quarter = typeof req.query.quarter === "string" && QUARTER_ID.test(req.query.quarter) ? req.query.quarter : (recentQuarters(kit.now())[0] as string);
    const input = await quarterInput(kit.db, kit.config.sessionSecret, quarter, kit.now(), ctx.tokens());
    if (!input) return kit.renderError(res, 400, "Quý này chưa bắt đầu, chưa có số liệu để lập báo cáo.");
    const body = await FORMATS[format].write(quarterReport(input));
    const name = `bao-cao-quy-${quarter.slice(6)}-${quarter.slice(0, 4)}`;
    res.setHeader("Content-Type", FORMATS[format].type);
    res.setHeader("Content-Disposition", `attachment; filename="${name}.${format}"`);
    res.send(body);
  };
  router.get("/reports/quarterly.docx", kit.allow(mayViewReports), send("docx"));
  router.get("/reports/quarterly.pdf", kit.allow(mayViewReports), send("pdf"));
}
