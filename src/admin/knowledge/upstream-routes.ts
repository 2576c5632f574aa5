import type { Router } from "express";
import { asYaml } from "../../knowledge/diff.js";
import { threeWayMerge } from "../../knowledge/merge.js";
import { loadItem, loadItems } from "../../knowledge/repository.js";
import { resolveUpstream, type UpstreamChoice } from "../../knowledge/upstream.js";
import { text } from "../form.js";
import type { KnowledgeScreens } from "./routes.js";

const CHOICES: UpstreamChoice[] = ["accept", "merge", "keep"];

/** Upstream changes to items edited locally: the three versions side by side; accept, merge or keep. */
export function upstreamRoutes(router: Router, s: KnowledgeScreens): void {
  router.get("/knowledge/upstream", async (_req, res) => {
    const waiting = (await loadItems(s.db)).filter((i) => i.pendingUpstream !== null);
    s.kit.render(res, "knowledge/upstream-list", { title: "Cập nhật từ bản gốc", waiting, styles: s.styles });
  });
  router.get("/knowledge/upstream/:key", async (req, res) => {
    const item = await loadItem(s.db, String(req.params.key));
    if (!item || item.pendingUpstream === null) return s.kit.renderError(res, 404);
    const local = (item.draft ?? item.published)?.content;
    const fields = threeWayMerge(item.upstreamContent, local, item.pendingUpstream).fields.filter((f) => f.changedLocally || f.changedUpstream);
    const shown = fields.map((f) => ({ ...f, base: asYaml(f.base), local: asYaml(f.local), remote: asYaml(f.remote) }));
    s.kit.render(res, "knowledge/upstream", { title: `Cập nhật: ${item.key}`, item, fields: shown, styles: s.styles });
  });
  router.post("/knowledge/upstream/:key", async (req, res) => {
    const key = String(req.params.key);
    const choice = CHOICES.find((c) => c === text(req.body, "choice"));
    if (!choice) return s.kit.renderError(res, 400, "Lựa chọn không hợp lệ.");
    const result = await resolveUpstream(s.db, s.knowledge.publisher, s.editor(req), key, choice);
    if (result.problems) return s.kit.renderError(res, 409, `Bản gộp chưa hợp lệ: ${result.problems}`);
    res.redirect(303, choice === "keep" ? "/admin/knowledge/upstream" : `/admin/knowledge/i/${encodeURIComponent(key)}?saved=1`);
  });
}
