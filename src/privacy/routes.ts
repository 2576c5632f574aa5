import path from "node:path";
import { Eta } from "eta";
import { Router } from "express";
import { adminCsp } from "../admin/security.js";
import { assetUrl } from "../admin/views.js";
import type { Config } from "../config.js";
import { provinceText, type Province } from "../knowledge/province-schema.js";

/** The short privacy page linked from the first message to every citizen (Luật 91/2025/QH15). */
export function privacyRouter(deps: { config: Config; province: Province }): Router {
  const eta = new Eta({ views: path.join(import.meta.dirname, "views"), autoEscape: true, cache: deps.config.env === "production" });
  const router = Router();
  router.get("/privacy", adminCsp(), (_req, res) => {
    const html = eta.render("privacy", {
      css: assetUrl("admin.css"),
      province: provinceText(deps.province, "display_name"),
      hotline: provinceText(deps.province, "hotline"),
      transcriptDays: deps.config.retention.transcriptDays,
      rawEventDays: deps.config.retention.rawEventDays,
    });
    res.type("html").send(html);
  });
  return router;
}
