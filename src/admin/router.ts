import express, { Router, type ErrorRequestHandler } from "express";
import cookieParser from "cookie-parser";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Database } from "../storage/database.js";
import { accountRoutes } from "./account-routes.js";
import { auditRoutes } from "./audit-routes.js";
import { checkCsrf, loadSession, loginRoutes, logout, requireSignIn } from "./auth.js";
import { createKit, type AdminKit } from "./kit.js";
import { adminSecurityHeaders, noStore } from "./security.js";
import { teamRoutes } from "./team-routes.js";
import { userRoutes } from "./user-routes.js";
import { STATIC_DIR } from "./views.js";

export type { AdminKit, NavLink } from "./kit.js";
export type AdminMount = (router: Router, kit: AdminKit) => void;

export interface AdminRouterDeps {
  db: Database;
  config: Config;
  logger: Logger;
  now?: () => number;
  /** Other staff pages (the inbox …), mounted behind sign-in and CSRF, before the 404 page. */
  mounts?: AdminMount[];
}

/** The staff web app, mounted at /admin. */
export function adminRouter(deps: AdminRouterDeps): Router {
  const kit = createKit({ db: deps.db, config: deps.config, logger: deps.logger, now: deps.now ?? Date.now });
  const router = Router();
  router.use(adminSecurityHeaders());
  router.use("/static", express.static(STATIC_DIR, { maxAge: "365d", immutable: true, index: false, fallthrough: false }));
  router.use(noStore);
  router.use(express.urlencoded({ extended: false, limit: "100kb" }));
  router.use(express.json({ limit: "100kb" }));
  router.use(cookieParser());
  router.use(loadSession(kit));
  router.use(loginRoutes(kit));
  router.use(checkCsrf(kit));
  router.use(requireSignIn(kit));
  router.post("/logout", logout(kit));
  router.get("/", (_req, res) => kit.render(res, "home", { title: "Trang chủ" }));
  router.use(accountRoutes(kit));
  router.use(userRoutes(kit));
  router.use(teamRoutes(kit));
  router.use(auditRoutes(kit));
  for (const mount of deps.mounts ?? []) mount(router, kit);
  router.use((_req, res) => kit.renderError(res, 404));
  router.use(errorPage(kit));
  return router;
}

function errorPage(kit: AdminKit): ErrorRequestHandler {
  return (error: { status?: number; message?: string }, _req, res, _next) => {
    const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) kit.logger.error({ err: error.message }, "admin request failed");
    kit.renderError(res, status, status === 404 || status === 500 ? undefined : "Yêu cầu không hợp lệ.");
  };
}
