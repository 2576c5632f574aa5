import { Router, type Request, type Response } from "express";
import { createUser, disableUser, enableUser, getUser, listUsers, resetPassword, updateUser, type UserView } from "../staff/accounts.js";
import { FieldError } from "../staff/errors.js";
import { isRole, ROLES, type Role } from "../staff/roles.js";
import { listTeams } from "../staff/teams.js";
import { idParam, ids, int, list, text } from "./form.js";
import type { AdminKit } from "./kit.js";
import { mayManageUsers } from "./policies.js";

const NOTICES: Record<string, string> = {
  created: "Đã tạo người dùng.",
  saved: "Đã lưu thay đổi.",
  disabled: "Đã khoá tài khoản; mọi phiên đăng nhập của người này đã kết thúc.",
  enabled: "Đã mở khoá tài khoản.",
  password: "Đã đặt mật khẩu mới; người dùng cần đăng nhập lại.",
};

const rolesFrom = (req: Request): Role[] => list(req.body, "roles").filter(isRole);

/** Admins manage accounts: list, create, edit roles/teams/capacity, lock and unlock, reset passwords. */
export function userRoutes(kit: AdminKit): Router {
  const router = Router();
  router.use("/users", kit.allow(mayManageUsers));

  const userOf = async (req: Request) => {
    const id = idParam(req);
    return id === null ? null : getUser(kit.db, id);
  };

  const showNew = async (res: Response, form: Record<string, unknown>, errors: Record<string, string> = {}, status = 200) =>
    kit.render(res, "users/new", { title: "Thêm người dùng", roles: ROLES, teams: await listTeams(kit.db), form, errors }, status);

  const showEdit = async (res: Response, user: UserView, extra: { form?: Record<string, unknown>; errors?: Record<string, string> } = {}, status = 200) => {
    const form = extra.form ?? { displayName: user.displayName, roles: user.roles, teamIds: user.teams.map((t) => t.id), capacity: String(user.capacity) };
    const notice = NOTICES[String(res.req.query.done)] ?? "";
    kit.render(res, "users/edit", { title: `Người dùng ${user.username}`, user, roles: ROLES, teams: await listTeams(kit.db), form, errors: extra.errors ?? {}, notice }, status);
  };

  /** Runs a change; a refused field re-renders the page with the message beside it. */
  const attempt = async (res: Response, work: () => Promise<void>, onRefused: (errors: Record<string, string>) => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      await onRefused({ [error.field]: error.message });
    }
  };

  router.get("/users", async (req, res) => {
    kit.render(res, "users/list", { title: "Người dùng", users: await listUsers(kit.db), notice: NOTICES[String(req.query.done)] ?? "", now: kit.now() });
  });

  router.get("/users/new", (_req, res) => showNew(res, { roles: [], teamIds: [], capacity: "5" }));

  router.post("/users", async (req, res) => {
    const form = { username: text(req.body, "username"), displayName: text(req.body, "displayName"), roles: rolesFrom(req), teamIds: ids(req.body, "teamIds"), capacity: text(req.body, "capacity") };
    await attempt(
      res,
      async () => {
        const user = await createUser(kit.db, { ...form, password: text(req.body, "password"), capacity: int(req.body, "capacity") }, kit.now());
        await kit.audit(req, { action: "user.created", targetType: "user", targetId: user.id, after: user });
        res.redirect(303, `/admin/users/${user.id}?done=created`);
      },
      (errors) => showNew(res, form, errors, 422),
    );
  });

  router.get("/users/:id", async (req, res) => {
    const user = await userOf(req);
    if (!user) return kit.renderError(res, 404);
    await showEdit(res, user);
  });

  router.post("/users/:id", async (req, res) => {
    const user = await userOf(req);
    if (!user) return kit.renderError(res, 404);
    const form = { displayName: text(req.body, "displayName"), roles: rolesFrom(req), teamIds: ids(req.body, "teamIds"), capacity: text(req.body, "capacity") };
    await attempt(
      res,
      async () => {
        const change = await updateUser(kit.db, user.id, { ...form, capacity: int(req.body, "capacity") });
        await kit.audit(req, { action: "user.updated", targetType: "user", targetId: user.id, ...change });
        res.redirect(303, `/admin/users/${user.id}?done=saved`);
      },
      (errors) => showEdit(res, user, { form, errors }, 422),
    );
  });

  router.post("/users/:id/disable", async (req, res) => {
    const user = await userOf(req);
    if (!user) return kit.renderError(res, 404);
    await attempt(
      res,
      async () => {
        const change = await disableUser(kit.db, user.id, kit.now());
        await kit.audit(req, { action: "user.disabled", targetType: "user", targetId: user.id, ...change });
        res.redirect(303, `/admin/users/${user.id}?done=disabled`);
      },
      (errors) => showEdit(res, user, { errors: { status: Object.values(errors).join(" ") } }, 422),
    );
  });

  router.post("/users/:id/enable", async (req, res) => {
    const user = await userOf(req);
    if (!user) return kit.renderError(res, 404);
    const change = await enableUser(kit.db, user.id);
    await kit.audit(req, { action: "user.enabled", targetType: "user", targetId: user.id, ...change });
    res.redirect(303, `/admin/users/${user.id}?done=enabled`);
  });

  router.post("/users/:id/password", async (req, res) => {
    const user = await userOf(req);
    if (!user) return kit.renderError(res, 404);
    await attempt(
      res,
      async () => {
        await resetPassword(kit.db, user.id, text(req.body, "password"), kit.now());
        await kit.audit(req, { action: "user.password_reset", targetType: "user", targetId: user.id });
        res.redirect(303, `/admin/users/${user.id}?done=password`);
      },
      (errors) => showEdit(res, user, { errors: { resetPassword: Object.values(errors).join(" ") } }, 422),
    );
  });

  return router;
}
