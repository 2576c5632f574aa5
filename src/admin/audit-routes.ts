import { Router } from "express";
import { auditActions, listAudit } from "../staff/audit.js";
import type { AdminKit } from "./kit.js";
import { mayViewAudit } from "./policies.js";
import { viewHelpers } from "./views.js";

/** Vietnamese names for the actions recorded here; others (the inbox's) are shown by their code. */
export const ACTION_LABELS: Record<string, string> = {
  "auth.login": "Đăng nhập",
  "auth.logout": "Đăng xuất",
  "user.created": "Tạo người dùng",
  "user.updated": "Sửa người dùng",
  "user.disabled": "Khoá tài khoản",
  "user.enabled": "Mở khoá tài khoản",
  "user.locked": "Tạm khoá do nhập sai mật khẩu",
  "user.password_changed": "Tự đổi mật khẩu",
  "user.password_reset": "Đặt lại mật khẩu",
  "team.created": "Tạo nhóm",
  "team.updated": "Sửa nhóm",
  "team.deleted": "Xoá nhóm",
  "team.member_added": "Thêm thành viên",
  "team.member_removed": "Bớt thành viên",
  "team.routes": "Đổi nhóm nhận chủ đề",
  "canned_reply.created": "Thêm câu trả lời mẫu",
  "canned_reply.updated": "Sửa câu trả lời mẫu",
  "canned_reply.deleted": "Xoá câu trả lời mẫu",
};

const TARGET_LABELS: Record<string, string> = { user: "Người dùng", team: "Nhóm", topic_route: "Chủ đề", handoff: "Cuộc trò chuyện" };

const FIELD_LABELS: Record<string, string> = {
  username: "Tên đăng nhập", displayName: "Tên hiển thị", roles: "Vai trò", teams: "Nhóm", capacity: "Số cuộc cùng lúc",
  disabled: "Đã khoá", lockedUntil: "Tạm khoá đến", createdAt: "Tạo lúc", name: "Tên", slug: "Mã", leadId: "Trưởng nhóm (mã)",
  noReplyMinutes: "Chờ trả lời tối đa (phút)", members: "Thành viên", title: "Tiêu đề", body: "Nội dung", teamId: "Nhóm (mã)", id: "Mã",
};

const query = (v: unknown): string => (typeof v === "string" ? v.trim().slice(0, 100) : "");
const DAY_MS = 86_400_000;

/** The audit log, newest first, filtered by actor, action and a date range (days in Vietnam time). */
export function auditRoutes(kit: AdminKit): Router {
  const router = Router();
  router.get("/audit", kit.allow(mayViewAudit), async (req, res) => {
    const filter = { actor: query(req.query.actor), action: query(req.query.action), from: query(req.query.from), to: query(req.query.to) };
    const to = viewHelpers.dayStart(filter.to);
    const result = await listAudit(kit.db, {
      actor: filter.actor || undefined,
      action: filter.action || undefined,
      from: viewHelpers.dayStart(filter.from),
      to: to ? new Date(to.getTime() + DAY_MS) : undefined,
      page: Number(query(req.query.page)) || 1,
    });
    const rows = result.rows.map((r) => ({ ...r, changes: changesOf(r.before, r.after) }));
    const pageUrl = (page: number) => `/admin/audit?${new URLSearchParams({ ...filter, page: String(page) })}`;
    kit.render(res, "audit", { title: "Nhật ký thay đổi", filter, actions: await auditActions(kit.db), actionLabels: ACTION_LABELS, targetLabels: TARGET_LABELS, ...result, rows, pageUrl });
  });
  return router;
}

/** The fields that differ between before and after, each as text, so a reader sees what changed. */
export function changesOf(before: unknown, after: unknown): Array<{ field: string; before: string; after: string }> {
  const b = asRecord(before);
  const a = asRecord(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .map((field) => ({ field: FIELD_LABELS[field] ?? field, before: show(b[field]), after: show(a[field]) }))
    .filter((c) => c.before !== c.after);
}

function asRecord(v: unknown): Record<string, unknown> {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  return v === null || v === undefined ? {} : { value: v };
}

/** Lists read as "Hộ tịch, Chung" rather than JSON; named objects by their name. */
function show(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map(show).join(", ");
  if (typeof v === "object" && "name" in v && typeof v.name === "string") return v.name;
  return typeof v === "string" ? v : JSON.stringify(v);
}
