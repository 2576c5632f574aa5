import type { Request, Response, Router } from "express";
import { parse as parseYaml } from "yaml";
import { kindOf, validateItem, type FieldProblem } from "../../knowledge/content.js";
import { asYaml, changedOnly, diffContents } from "../../knowledge/diff.js";
import type { KnowledgeEntry } from "../../knowledge/entry-schema.js";
import { previewEntry } from "../../knowledge/preview.js";
import { PublishRefusal } from "../../knowledge/publishing.js";
import { isComplete, loadItem, versionsOf } from "../../knowledge/repository.js";
import { readKnowledgeSettings } from "../../knowledge/settings.js";
import { text } from "../form.js";
import { entryToForm, fieldOf, formToEntry, MAIN_FIELDS, PROCEDURE_FIELDS } from "./entry-form.js";
import type { KnowledgeScreens } from "./routes.js";

const ITEM_TITLES: Record<string, string> = { province: "Thông tin của tỉnh", synonyms: "Bảng từ đồng nghĩa" };
const NEW_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface Shown {
  form?: Record<string, string | string[]>;
  yaml?: string;
  problems?: FieldProblem[];
  notice?: string;
  refusal?: string;
}

/** One knowledge item: edit (form for an entry, YAML for the others), preview, publish, versions, rollback. */
export function itemRoutes(router: Router, s: KnowledgeScreens): void {
  const { kit, db, knowledge } = s;
  const keyOf = (req: Request) => String(req.params.key ?? "");

  const show = async (req: Request, res: Response, key: string, shown: Shown = {}, status = 200) => {
    const item = await loadItem(db, key);
    if (!item && !key.startsWith("entry:")) return kit.renderError(res, 404);
    const current = (item?.draft ?? item?.published)?.content;
    const versions = item ? await versionsOf(db, key) : [];
    const settings = await readKnowledgeSettings(db);
    const me = kit.principal(req);
    const kind = kindOf(key);
    // A proposed draft (from a cán bộ's reply) may still miss questions or sources: say what, beside each field.
    const incomplete = !shown.problems && item?.draft && !isComplete(item.draft) ? missingOf(kind, item.draft.content) : null;
    const errors: Record<string, string> = {};
    for (const p of shown.problems ?? incomplete ?? []) {
      const field = kind === "entry" ? fieldOf(p.field) : "content";
      const line = `${p.field === "(gốc)" || p.field === field ? "" : `${p.field}: `}${p.message}`;
      errors[field] = errors[field] ? `${errors[field]}; ${line}` : line;
    }
    const preview = kind === "entry" && current && !incomplete ? previewEntry(current as KnowledgeEntry, knowledge.live.current().renderer, kit.now()) : [];
    const mustWait = settings.requireApproval && item?.draft?.authorId === me.id;
    kit.render(res, kind === "entry" ? "knowledge/entry" : "knowledge/item", {
      title: kind === "entry" ? ((current as KnowledgeEntry | undefined)?.title ?? "Mục mới") : (ITEM_TITLES[key] ?? `Câu trả lời hội thoại: ${key.slice(7)}`),
      key, item, versions, preview, errors, mustWait, settings, notice: shown.notice ?? noticeOf(req), refusal: shown.refusal,
      form: shown.form ?? entryToForm(current ?? {}), yaml: shown.yaml ?? asYaml(current), mainFields: MAIN_FIELDS, procedureFields: PROCEDURE_FIELDS,
      isNew: !item, incomplete: incomplete !== null, styles: s.styles,
    }, status);
  };
  const url = (key: string, suffix = "") => `/admin/knowledge/i/${encodeURIComponent(key)}${suffix}`;

  router.get("/knowledge/new", (req, res) => kit.render(res, "knowledge/new", { title: "Thêm mục mới", id: String(req.query.id ?? ""), question: String(req.query.question ?? ""), styles: s.styles }));
  router.post("/knowledge/new", async (req, res) => {
    const id = text(req.body, "id").trim();
    const question = text(req.body, "question").trim();
    const exists = NEW_ID.test(id) && (await loadItem(db, `entry:${id}`));
    if (!NEW_ID.test(id) || exists) {
      const error = exists ? "Mã này đã có mục khác dùng." : "Mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ: cap-giay-phep-ban-ruou.";
      return kit.render(res, "knowledge/new", { title: "Thêm mục mới", id, question, error, styles: s.styles }, 422);
    }
    await show(req, res, `entry:${id}`, { form: { ...entryToForm({ kind: "faq", verified_on: new Date(kit.now()).toISOString().slice(0, 10) }), questions: question } });
  });

  router.get("/knowledge/i/:key", (req, res) => show(req, res, keyOf(req)));
  router.post("/knowledge/i/:key", async (req, res) => {
    const key = keyOf(req);
    const kind = kindOf(key);
    let raw: unknown;
    if (kind === "entry") raw = formToEntry(req.body, key.slice(6));
    else {
      try {
        raw = parseYaml(text(req.body, "content"));
      } catch (error) {
        return show(req, res, key, { yaml: text(req.body, "content"), problems: [{ field: "YAML", message: (error as Error).message.split("\n")[0] ?? "" }] }, 422);
      }
    }
    const saved = await knowledge.publisher.saveDraft(s.editor(req), key, raw);
    if (saved.ok) return res.redirect(303, url(key, "?saved=1"));
    await show(req, res, key, { form: kind === "entry" ? formValues(req.body) : undefined, yaml: text(req.body, "content"), problems: saved.problems }, 422);
  });
  router.post("/knowledge/i/:key/publish", async (req, res) => {
    const key = keyOf(req);
    try {
      const { ms } = await knowledge.publisher.publish(s.editor(req), key);
      res.redirect(303, url(key, `?published=${ms}`));
    } catch (error) {
      if (!(error instanceof PublishRefusal)) throw error;
      await show(req, res, key, { refusal: error.message }, 409);
    }
  });
  router.post("/knowledge/i/:key/discard", async (req, res) => {
    await knowledge.publisher.discardDraft(s.editor(req), keyOf(req));
    res.redirect(303, url(keyOf(req), "?discarded=1"));
  });
  router.get("/knowledge/i/:key/v/:v", async (req, res) => {
    const key = keyOf(req);
    const versions = await versionsOf(db, key);
    const at = versions.findIndex((v) => v.id === Number(req.params.v));
    if (at < 0) return kit.renderError(res, 404);
    const version = versions[at]!;
    const lines = changedOnly(diffContents(versions[at + 1]?.content ?? null, version.content));
    kit.render(res, "knowledge/version", { title: `Phiên bản #${version.id}`, key, version, previous: versions[at + 1] ?? null, lines, styles: s.styles });
  });
  router.post("/knowledge/i/:key/v/:v/rollback", async (req, res) => {
    const key = keyOf(req);
    try {
      const { published } = await knowledge.publisher.rollback(s.editor(req), key, Number(req.params.v));
      res.redirect(303, url(key, published ? "?rolledback=1" : "?rollbackdraft=1"));
    } catch (error) {
      if (!(error instanceof PublishRefusal)) throw error;
      await show(req, res, key, { refusal: error.message }, 409);
    }
  });
}

function formValues(body: Record<string, unknown>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== "_csrf").map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
}

function missingOf(kind: ReturnType<typeof kindOf>, content: unknown): FieldProblem[] {
  const checked = validateItem(kind, content);
  return checked.ok ? [] : checked.problems;
}

function noticeOf(req: Request): string | undefined {
  const q = req.query;
  if (q.proposed) return "Đã tạo bản nháp từ cuộc trò chuyện của cán bộ. Kiểm tra tiêu đề, chủ đề và từng thông tin với văn bản chính thức, bổ sung nguồn, câu hỏi mẫu và từ khoá, rồi lưu và xuất bản.";
  if (q.saved) return "Đã lưu bản nháp. Người dân vẫn nhận câu trả lời cũ cho đến khi bản nháp được xuất bản.";
  if (q.published) return `Đã xuất bản: Trợ lý dùng nội dung mới ngay từ tin nhắn tiếp theo (mất ${Number(q.published)} ms).`;
  if (q.discarded) return "Đã bỏ bản nháp.";
  if (q.rolledback) return "Đã khôi phục phiên bản cũ và xuất bản.";
  if (q.rollbackdraft) return "Đã chép phiên bản cũ thành bản nháp; cần một người khác duyệt và xuất bản.";
  return undefined;
}
