import type { Response, Router } from "express";
import { entryKey } from "../../knowledge/content.js";
import type { KnowledgeEntry } from "../../knowledge/entry-schema.js";
import { handoffProposal, handoffProposals, proposalEntry } from "../../knowledge/proposal.js";
import { loadItem, loadItems } from "../../knowledge/repository.js";
import { decideGroup, unansweredGroups, type GroupStatus } from "../../knowledge/unanswered.js";
import { text } from "../form.js";
import type { KnowledgeScreens } from "./routes.js";

const NEW_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What went wrong with one proposal, shown in its card beside the field. */
interface ProposalError {
  key: string;
  field: "id" | "title" | "";
  message: string;
  id: string;
  title: string;
}

/** Questions the assistant could not answer, grouped; each group becomes an example question, a new entry, or is set aside. */
export function unansweredRoutes(router: Router, s: KnowledgeScreens): void {
  const { kit, db, knowledge } = s;
  const page = async (res: Response, show: string, error?: string, proposalError?: ProposalError) => {
    const live = knowledge.live.current();
    const groups = (await unansweredGroups(db, live.kb.synonymsRaw, kit.now())).filter((g) => (show === "all" ? true : g.status === "new"));
    const entries = live.entries.map((e) => ({ id: e.id, title: e.title }));
    const proposals = await handoffProposals(db, live, await loadItems(db));
    const failed = error !== undefined || proposalError !== undefined;
    kit.render(res, "knowledge/unanswered", { title: "Câu hỏi chưa trả lời được", groups, entries, show, proposals, error, proposalError, styles: s.styles }, failed ? 422 : 200);
  };
  router.get("/knowledge/unanswered", (req, res) => page(res, String(req.query.show ?? "new")));
  router.post("/knowledge/unanswered", async (req, res) => {
    const key = text(req.body, "key");
    const action = text(req.body, "action");
    const wording = text(req.body, "wording").trim();
    const editor = s.editor(req);
    if (action === "draft") {
      const id = text(req.body, "id").trim();
      const title = text(req.body, "title").trim();
      const refuse = (field: ProposalError["field"], message: string) => page(res, "new", undefined, { key, field, message, id, title });
      const handoffId = key.startsWith("handoff:") ? Number(key.slice("handoff:".length)) : NaN;
      const proposal = Number.isInteger(handoffId) ? await handoffProposal(db, knowledge.live.current(), await loadItems(db), handoffId) : null;
      if (!proposal) return kit.renderError(res, 404, "Không tìm thấy đề xuất này.");
      if (proposal.problem) return refuse("", proposal.problem);
      if (!NEW_ID.test(id)) return refuse("id", "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ: cap-giay-phep-ban-ruou.");
      const saved = await knowledge.publisher.saveProposal(editor, proposalEntry(proposal, { id, title }, kit.now()), { handoffId });
      if (!saved.ok) {
        const first = saved.problems[0];
        const field = first?.field === "id" || first?.field === "title" ? first.field : "";
        return refuse(field, saved.problems.map((p) => p.message).join("; "));
      }
      await decideGroup(db, editor, key, "handled", "proposal_draft", entryKey(id));
      return res.redirect(303, `/admin/knowledge/i/${encodeURIComponent(entryKey(id))}?proposed=1`);
    }
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
