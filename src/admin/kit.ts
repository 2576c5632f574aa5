import type { Request, RequestHandler, Response } from "express";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { recordAudit, type AuditInput } from "../staff/audit.js";
import type { StaffPrincipal } from "../staff/principal.js";
import { ROLE_LABELS, type Role } from "../staff/roles.js";
import type { StaffSessionInfo } from "../staff/sessions.js";
import type { Database } from "../storage/database.js";
import { mayManageTeams, mayManageUsers, mayViewAudit } from "./policies.js";
import { assetUrl, createViewEngine, viewHelpers } from "./views.js";

export interface NavLink {
  href: string;
  label: string;
  /** One line on the home page saying what the page is for. */
  description: string;
  allowed: (u: StaffPrincipal) => boolean;
}

/** What a module mounting pages under /admin gets: the same layout, sign-in, CSRF, policies and audit log. */
export interface AdminKit {
  db: Database;
  config: Config;
  logger: Logger;
  now: () => number;
  /** Renders src/admin/views/<view>.eta; every view sees `staff`, `csrf`, `nav`, `h` (helpers) besides `data`. */
  render(res: Response, view: string, data?: Record<string, unknown>, status?: number): void;
  /** A Vietnamese error page (403, 404, 429 …). */
  renderError(res: Response, status: number, message?: string): void;
  /** 403 unless the signed-in user holds one of the roles. */
  requireRole(...roles: Role[]): RequestHandler;
  /** 403 unless the policy allows the signed-in user. */
  allow(policy: (u: StaffPrincipal) => boolean): RequestHandler;
  /** Records a change by the signed-in user (actor and IP filled in). */
  audit(req: Request, entry: Omit<AuditInput, "actor" | "ip">): Promise<void>;
  /** The signed-in user; throws on a route that is not behind sign-in. */
  principal(req: Request): StaffPrincipal;
  session(req: Request): StaffSessionInfo;
  /** Adds a link to the navigation and the home page, shown to users the policy allows. */
  addNavLink(link: NavLink): void;
}

const BUILT_IN_NAV: NavLink[] = [
  { href: "/admin/users", label: "Người dùng", description: "Thêm cán bộ, gán vai trò và nhóm, khoá tài khoản, đặt lại mật khẩu.", allowed: mayManageUsers },
  { href: "/admin/teams", label: "Nhóm", description: "Nhóm theo lĩnh vực, thành viên, chủ đề được chuyển đến và câu trả lời mẫu.", allowed: mayManageTeams },
  { href: "/admin/audit", label: "Nhật ký", description: "Xem ai đã thay đổi gì, vào lúc nào.", allowed: mayViewAudit },
];

export const ERROR_MESSAGES: Record<number, string> = {
  403: "Bạn không có quyền xem trang này hoặc thực hiện thao tác này.",
  404: "Không tìm thấy trang này.",
  429: "Bạn đã thử đăng nhập quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại.",
  500: "Có lỗi ở máy chủ. Vui lòng thử lại sau ít phút.",
};

const signedIn = new WeakMap<Request, { principal: StaffPrincipal; session: StaffSessionInfo }>();

export function rememberSignIn(req: Request, res: Response, principal: StaffPrincipal, session: StaffSessionInfo): void {
  signedIn.set(req, { principal, session });
  res.locals.staff = principal;
}

export function signInOf(req: Request): { principal: StaffPrincipal; session: StaffSessionInfo } | undefined {
  return signedIn.get(req);
}

export function createKit(deps: { db: Database; config: Config; logger: Logger; now: () => number }): AdminKit {
  const engine = createViewEngine(deps.config.env !== "development");
  const css = assetUrl("admin.css");
  const extraNav: NavLink[] = [];

  const kit: AdminKit = {
    ...deps,
    render(res, view, data = {}, status = 200) {
      const me = signedIn.get(res.req);
      const nav = me ? [...extraNav, ...BUILT_IN_NAV].filter((l) => l.allowed(me.principal)) : [];
      const html = engine(view, { css, staff: me?.principal, csrf: me?.session.csrfToken, nav, current: res.req.originalUrl.split("?")[0], roleLabels: ROLE_LABELS, h: viewHelpers, ...data });
      res.status(status).type("html").send(html);
    },
    renderError(res, status, message) {
      kit.render(res, "error", { title: status === 404 ? "Không tìm thấy" : "Không thực hiện được", status, message: message ?? ERROR_MESSAGES[status] ?? ERROR_MESSAGES[500] }, status);
    },
    requireRole: (...roles) => kit.allow((u) => roles.some((r) => u.roles.includes(r))),
    allow: (policy) => (req, res, next) => {
      const me = signedIn.get(req);
      if (me && policy(me.principal)) next();
      else kit.renderError(res, 403);
    },
    audit: (req, entry) => recordAudit(deps.db, { ...entry, actor: kit.principal(req), ip: req.ip ?? null, at: new Date(deps.now()) }),
    principal: (req) => mustSignIn(req).principal,
    session: (req) => mustSignIn(req).session,
    addNavLink: (link) => void extraNav.push(link),
  };
  return kit;
}

function mustSignIn(req: Request): { principal: StaffPrincipal; session: StaffSessionInfo } {
  const me = signedIn.get(req);
  if (!me) throw new Error("route is not behind staff sign-in");
  return me;
}
