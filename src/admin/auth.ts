import { Router, type RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { authenticate } from "../staff/accounts.js";
import { dummyHash } from "../staff/passwords.js";
import { recordAudit } from "../staff/audit.js";
import { createSession, findSession, revokeSession, type SessionLimits } from "../staff/sessions.js";
import { text } from "./form.js";
import { rememberSignIn, signInOf, type AdminKit } from "./kit.js";
import { cookieNames, cookieOptions, randomToken, safeNext, tokensEqual } from "./security.js";

export const LOGIN_FAILED = "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khoá. Vui lòng thử lại.";
export const CSRF_REFUSED = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang rồi gửi lại.";
const LOGIN_CSRF_MAX_AGE_MS = 60 * 60_000;

const limitsOf = (kit: AdminKit): SessionLimits => ({ idleMinutes: kit.config.staff.sessionIdleMinutes, maxHours: kit.config.staff.sessionMaxHours });
const production = (kit: AdminKit): boolean => kit.config.env === "production";

/** Reads the session cookie; a live session puts the user on the request for the kit and the policies. */
export function loadSession(kit: AdminKit): RequestHandler {
  const { session: cookie } = cookieNames(production(kit));
  return async (req, res, next) => {
    const token: unknown = req.cookies?.[cookie];
    if (typeof token === "string" && token.length > 0) {
      const found = await findSession(kit.db, token, kit.now(), limitsOf(kit));
      if (found) rememberSignIn(req, res, found.principal, found.session);
      else res.clearCookie(cookie, cookieOptions(production(kit)));
    }
    next();
  };
}

/** Every state-changing request needs the session's token (form field `_csrf` or header `x-csrf-token`). */
export function checkCsrf(kit: AdminKit): RequestHandler {
  return (req, res, next) => {
    if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
    const me = signInOf(req);
    const sent = text(req.body, "_csrf") || req.get("x-csrf-token");
    if (me && tokensEqual(sent, me.session.csrfToken)) return next();
    kit.renderError(res, 403, me ? CSRF_REFUSED : "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.");
  };
}

/** Pages need a signed-in user; a GET is sent to the login page and comes back afterwards. */
export function requireSignIn(kit: AdminKit): RequestHandler {
  return (req, res, next) => {
    if (signInOf(req)) return next();
    if (req.method === "GET") return res.redirect(303, `/admin/login?next=${encodeURIComponent(safeNext(req.originalUrl))}`);
    kit.renderError(res, 403, "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.");
  };
}

/** GET/POST /login: a double-submit token (there is no session yet), a rate limit per IP and the lockout per account. */
export function loginRoutes(kit: AdminKit): Router {
  const router = Router();
  const names = cookieNames(production(kit));
  // Computed now, so the first unknown-user login is not slower than the rest.
  void dummyHash();
  const loginLimiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: 20,
    skipSuccessfulRequests: true,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res) => kit.renderError(res, 429),
  });

  const showLogin = (res: Parameters<RequestHandler>[1], data: { next: string; username?: string; error?: string }, status = 200) => {
    const token = randomToken();
    res.cookie(names.loginCsrf, token, cookieOptions(production(kit), LOGIN_CSRF_MAX_AGE_MS));
    const { loginMaxFailures, loginLockMinutes } = kit.config.staff;
    kit.render(res, "login", { title: "Đăng nhập", loginCsrf: token, username: "", loginMaxFailures, loginLockMinutes, ...data }, status);
  };

  router.get("/login", (req, res) => {
    const next = safeNext(req.query.next);
    if (signInOf(req)) return res.redirect(303, next);
    showLogin(res, { next });
  });

  router.post("/login", loginLimiter, async (req, res) => {
    const next = safeNext(text(req.body, "next"));
    if (!tokensEqual(req.cookies?.[names.loginCsrf], text(req.body, "_csrf"))) return kit.renderError(res, 403, CSRF_REFUSED);
    const username = text(req.body, "username").trim();
    const now = kit.now();
    const policy = { maxFailures: kit.config.staff.loginMaxFailures, lockMinutes: kit.config.staff.loginLockMinutes };
    const result = await authenticate(kit.db, username, text(req.body, "password"), now, policy);
    if (!result.ok) return showLogin(res, { next, username, error: LOGIN_FAILED }, 401);

    const previous = signInOf(req);
    if (previous) await revokeSession(kit.db, previous.session.id, now);
    const { token } = await createSession(kit.db, result.principal.id, now, limitsOf(kit));
    res.clearCookie(names.loginCsrf, cookieOptions(production(kit)));
    res.cookie(names.session, token, cookieOptions(production(kit), kit.config.staff.sessionMaxHours * 3_600_000));
    const actor = { id: result.principal.id, username: result.principal.username };
    await recordAudit(kit.db, { actor, action: "auth.login", targetType: "user", targetId: actor.id, ip: req.ip, at: new Date(now) });
    res.redirect(303, next);
  });
  return router;
}

/** POST /logout, behind the CSRF check. */
export function logout(kit: AdminKit): RequestHandler {
  const { session: cookie } = cookieNames(production(kit));
  return async (req, res) => {
    const me = signInOf(req);
    if (me) {
      await revokeSession(kit.db, me.session.id, kit.now());
      await kit.audit(req, { action: "auth.logout", targetType: "user", targetId: me.principal.id });
    }
    res.clearCookie(cookie, cookieOptions(production(kit)));
    res.redirect(303, "/admin/login");
  };
}
