import type { Request, Router } from "express";
import type { HandoffModule } from "../../handoff/module.js";
import { listEntries } from "../../knowledge/listing.js";
import type { KnowledgeModule } from "../../knowledge/module.js";
import type { Editor } from "../../knowledge/publishing.js";
import { loadItems } from "../../knowledge/repository.js";
import { readKnowledgeSettings, writeKnowledgeSettings } from "../../knowledge/settings.js";
import { TOPIC_LABELS } from "../../knowledge/topic-labels.js";
import { TOPICS } from "../../knowledge/topics.js";
import type { Database } from "../../storage/database.js";
import { text } from "../form.js";
import type { AdminKit } from "../kit.js";
import { mayEditKnowledge, mayManageKnowledgeSettings } from "../policies.js";
import type { AdminMount } from "../router.js";
import { assetUrl } from "../views.js";
import { consoleRoutes } from "./console-routes.js";
import { exchangeRoutes } from "./exchange-routes.js";
import { itemRoutes } from "./item-routes.js";
import { unansweredRoutes } from "./unanswered-routes.js";
import { upstreamRoutes } from "./upstream-routes.js";

export interface KnowledgeRouteDeps {
  db: Database;
  knowledge: KnowledgeModule;
  handoff: HandoffModule;
}

export interface KnowledgeScreens extends KnowledgeRouteDeps {
  kit: AdminKit;
  editor(req: Request): Editor;
  styles: string[];
  scripts: string[];
}

/** The knowledge editor under /admin/knowledge: entries, province facts, intents, synonyms, publication. */
export function knowledgeRoutes(deps: KnowledgeRouteDeps): AdminMount {
  return (router: Router, kit: AdminKit) => {
    kit.addNavLink({ href: "/admin/knowledge", label: "Tri thức", description: "Sửa câu trả lời, xem trước như trên Zalo, xuất bản, phiên bản và câu hỏi chưa trả lời được.", allowed: mayEditKnowledge });
    const editor = (req: Request): Editor => {
      const me = kit.principal(req);
      return { actor: { id: me.id, username: me.username }, name: me.displayName };
    };
    const screens: KnowledgeScreens = { ...deps, kit, editor, styles: [assetUrl("knowledge.css")], scripts: [assetUrl("knowledge.js")] };
    router.use("/knowledge", kit.allow(mayEditKnowledge));
    router.get("/knowledge", async (req, res) => {
      const filter = { q: String(req.query.q ?? ""), topic: String(req.query.topic ?? ""), only: String(req.query.only ?? ""), staleDays: Number(req.query.days) || 180 };
      const items = await loadItems(deps.db);
      const rows = listEntries(items, filter, kit.now());
      const upstream = items.filter((i) => i.pendingUpstream !== null).length;
      const settings = await readKnowledgeSettings(deps.db);
      const topics = TOPICS.map((t) => [t, TOPIC_LABELS[t] ?? t]);
      kit.render(res, "knowledge/list", { title: "Tri thức", rows, filter, topics, upstream, settings, styles: screens.styles, scripts: screens.scripts, notice: noticeOf(req.query), canSet: mayManageKnowledgeSettings(kit.principal(req)) });
    });
    router.post("/knowledge/settings", kit.allow(mayManageKnowledgeSettings), async (req, res) => {
      const before = await readKnowledgeSettings(deps.db);
      const after = { requireApproval: text(req.body, "requireApproval") === "1", upstreamFollow: text(req.body, "upstreamFollow") === "draft" ? ("draft" as const) : ("publish" as const) };
      await writeKnowledgeSettings(deps.db, after);
      await kit.audit(req, { action: "knowledge.settings", targetType: "setting", targetId: "knowledge", before, after });
      res.redirect(303, "/admin/knowledge?saved=1");
    });
    exchangeRoutes(router, screens);
    consoleRoutes(router, screens);
    upstreamRoutes(router, screens);
    unansweredRoutes(router, screens);
    itemRoutes(router, screens);
  };
}

function noticeOf(query: Request["query"]): string | undefined {
  if (query.saved) return "Đã lưu cài đặt.";
  if (query.imported !== undefined) return `Đã nhập: ${Number(query.imported)} bản nháp mới, chờ xuất bản (mục không đổi được bỏ qua).`;
  return undefined;
}
