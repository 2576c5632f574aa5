import type { Router } from "express";
import { explainQuestion } from "../../knowledge/console.js";
import type { KnowledgeScreens } from "./routes.js";

/** Type a question, see what the published and the draft knowledge do with it, side by side. */
export function consoleRoutes(router: Router, s: KnowledgeScreens): void {
  router.get("/knowledge/console", async (req, res) => {
    const q = String(req.query.q ?? "").slice(0, 500).trim();
    const sides = q
      ? [
          { label: "Đang xuất bản (người dân đang nhận)", view: explainQuestion(s.knowledge.live.current(), q) },
          { label: "Bản nháp (nếu xuất bản tất cả bản nháp)", view: explainQuestion(await s.knowledge.publisher.draftSnapshot(), q) },
        ]
      : [];
    s.kit.render(res, "knowledge/console", { title: "Thử câu hỏi", q, sides, styles: s.styles });
  });
}
