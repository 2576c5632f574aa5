import type { Router } from "express";
import { entryKey } from "../../knowledge/content.js";
import type { KnowledgeEntry } from "../../knowledge/entry-schema.js";
import { loadItem } from "../../knowledge/repository.js";
import { decideGroup, unansweredGroups, worthEntryProposals, type GroupStatus } from "../../knowledge/unanswered.js";
import { text } from "../form.js";
import type { KnowledgeScreens } from "./routes.js";

/** Questions the assistant could not answer, grouped; each group becomes an example question, a new entry, or is set aside. */
export function unansweredRoutes(router: Router, s: KnowledgeScreens): void {
  const { kit, db, knowledge } = s;
  const page = async (res: Parameters<Parameters<Router["get"]>[1]>[1], show: string, error?: string) => {
    const live = knowledge.live.current();
    const groups = (await unansweredGroups(db, live.kb.synonymsRaw, kit.now())).filter((g) => (show === "all" ? true : g.status === "new"));
    const entries = live.entries.map((e) => ({ id: e.id, title: e.title }));
    kit.render(res, "knowledge/unanswered", { title: "Câu hỏi chưa trả lời được", groups, entries, show, proposals: await worthEntryProposals(db), error, styles: s.styles }, error ? 422 : 200);
  };
  router.get("/knowledge/unanswered", (req, res) => page(res, String(req.query.show ?? "new")));
  router.post("/knowledge/unanswered", async (req, res) => {
    const key = text(req.body, "key");
    const action = text(req.body, "action");
    const wording = text(req.body, "wording").trim();
    const editor = s.editor(req);
    if (action === "example") {
      const id = text(req.body, "entry");
      const item = await loadItem(db, entryKey(id));
      const entry = (item?.draft ?? item?.published)?.content as KnowledgeEntry | undefined;
      if (!entry) return page(res, "new", "Hãy chọn mục để thêm câu hỏi mẫu.");
      const saved = await knowledge.publisher.saveDraft(editor, entryKey(id), { ...entry, questions: [...entry.questions, wording] }, "unanswered");
      if (!saved.ok) return page(res, "new", `Không thêm được: ${saved.problems.map((p) => p.message).join("; ")}`);
      await decideGroup(db, editor, key, "handled", "example", entryKey(id));
      return res.redirect(303, `/admin/knowledge/i/${encodeURIComponent(entryKey(id))}?saved=1`);
    }
    if (action === "new") {
      await decideGroup(db, editor, key, "handled", "new_entry");
      return res.redirect(303, `/admin/knowledge/new?question=${encodeURIComponent(wording)}`);
    }
    const status: GroupStatus | undefined = action === "out_of_scope" ? "out_of_scope" : action === "dismiss" ? "dismissed" : undefined;
    if (!status) return kit.renderError(res, 400, "Thao tác không hợp lệ.");
    await decideGroup(db, editor, key, status, action);
    res.redirect(303, "/admin/knowledge/unanswered");
  });
}
