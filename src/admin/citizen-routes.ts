import { Router } from "express";
import { userKey } from "../analytics/redact.js";
import { eraseCitizen } from "../privacy/erase-citizen.js";
import { recordAudit } from "../staff/audit.js";
import { text } from "./form.js";
import type { AdminKit } from "./kit.js";
import { mayEraseCitizenData } from "./policies.js";

const ZALO_ID = /^\d{5,25}$/;

/** An admin deletes everything held about one citizen, on their request, in one audited action. */
export function citizenRoutes(kit: AdminKit): Router {
  kit.addNavLink({ href: "/admin/citizens", label: "Dữ liệu công dân", description: "Xoá toàn bộ dữ liệu về một công dân khi họ yêu cầu.", allowed: mayEraseCitizenData });
  const router = Router();
  const page = (res: Parameters<AdminKit["render"]>[0], data: Record<string, unknown> = {}, status = 200) =>
    kit.render(res, "citizens", { title: "Xoá dữ liệu công dân", errors: {}, value: "", ...data }, status);

  router.get("/citizens", kit.allow(mayEraseCitizenData), (_req, res) => page(res));
  router.post("/citizens/erase", kit.allow(mayEraseCitizenData), async (req, res) => {
    const zaloId = text(req.body, "zalo_user_id").trim();
    const errors: Record<string, string> = {};
    if (!ZALO_ID.test(zaloId)) errors.zalo_user_id = "Mã người dùng Zalo là một dãy số (xem ở đầu trang cuộc trò chuyện, mục chỉ quản trị viên thấy).";
    if (text(req.body, "confirm") !== "1") errors.confirm = "Hãy đánh dấu xác nhận: dữ liệu đã xoá không khôi phục được.";
    if (Object.keys(errors).length > 0) return page(res, { errors, value: zaloId }, 400);
    const me = kit.principal(req);
    const erased = await kit.db.$transaction(async (tx) => {
      const counts = await eraseCitizen(tx, zaloId, kit.config.sessionSecret);
      // The audit row names the citizen by the same keyed hash as the query log, never by the Zalo id.
      await recordAudit(tx, { actor: me, action: "citizen.erase", targetType: "citizen", targetId: userKey(zaloId, kit.config.sessionSecret), after: counts, ip: req.ip ?? null });
      return counts;
    });
    page(res, { erased });
  });
  return router;
}
