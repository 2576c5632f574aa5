import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Request, type Router } from "express";
import { rateLimit } from "express-rate-limit";
import { z } from "zod";
import { WEBHOOK_PATH } from "../webhook.js";
import type { FakeZaloOA } from "./fake-oa.js";
import { FakeCitizen } from "./fake-citizen.js";

const webDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "web");

const sendSchema = z.object({
  userId: z.string().regex(/^\d{6,20}$/, "mã người dùng không hợp lệ"),
  kind: z.enum(["text", "follow", "image"]).default("text"),
  text: z.string().max(2000, "tin nhắn tối đa 2.000 ký tự").optional(),
});

/** /simulator: a phone-like chat page and the small API behind it (only mounted in simulator mode). */
export function simulatorRouter(deps: { fakeOa: FakeZaloOA; appId: string; oaId: string; oaSecretKey: string }): Router {
  const router = express.Router();
  router.use("/simulator/api", rateLimit({ windowMs: 60_000, limit: 600, standardHeaders: "draft-8", legacyHeaders: false }));
  router.get("/simulator", (_req, res) => res.sendFile(path.join(webDir, "index.html")));
  router.use("/simulator/static", express.static(webDir));

  router.post("/simulator/api/send", express.json({ limit: "16kb" }), async (req, res) => {
    const body = sendSchema.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: body.error.issues[0]?.message ?? "dữ liệu không hợp lệ" });
    const { userId, kind, text } = body.data;
    if (kind === "text" && !text?.trim()) return void res.status(400).json({ error: "Vui lòng nhập nội dung tin nhắn." });
    const citizen = citizenFor(req, deps);
    const event = kind === "follow" ? citizen.followEvent(userId) : kind === "image" ? citizen.imageEvent(userId) : citizen.textEvent(userId, text ?? "");
    const delivery = await citizen.deliver(event);
    res.status(delivery.status === 200 ? 200 : 502).json({ delivered: delivery.status === 200 });
  });

  router.get("/simulator/api/messages", (req, res) => {
    const userId = String(req.query.user ?? "");
    const after = Number(req.query.after ?? 0);
    res.json({ messages: deps.fakeOa.messagesFor(userId, Number.isFinite(after) ? after : 0) });
  });
  return router;
}

function citizenFor(req: Request, deps: { appId: string; oaId: string; oaSecretKey: string }): FakeCitizen {
  const port = req.socket.localPort;
  return new FakeCitizen({ webhookUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, appId: deps.appId, oaId: deps.oaId, oaSecretKey: deps.oaSecretKey });
}
