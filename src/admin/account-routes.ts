import { Router } from "express";
import { changePassword } from "../staff/accounts.js";
import { FieldError } from "../staff/errors.js";
import { text } from "./form.js";
import type { AdminKit } from "./kit.js";

/** Everyone's own password: the current one is required, and other sessions end. */
export function accountRoutes(kit: AdminKit): Router {
  const router = Router();
  const title = "Đổi mật khẩu";
  router.get("/account/password", (req, res) => kit.render(res, "password", { title, errors: {}, done: req.query.done === "1" }));
  router.post("/account/password", async (req, res) => {
    const me = kit.principal(req);
    const next = text(req.body, "password");
    if (next !== text(req.body, "confirm")) {
      return kit.render(res, "password", { title, errors: { confirm: "Hai lần nhập mật khẩu mới không giống nhau." } }, 422);
    }
    try {
      await changePassword(kit.db, me.id, text(req.body, "current"), next, kit.now(), kit.session(req).id);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      return kit.render(res, "password", { title, errors: { [error.field]: error.message } }, 422);
    }
    await kit.audit(req, { action: "user.password_changed", targetType: "user", targetId: me.id });
    res.redirect(303, "/admin/account/password?done=1");
  });
  return router;
}
