import { randomBytes } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { z } from "zod";

/** A fault the next API calls will meet: a Zalo error code, an HTTP status, and/or extra latency. */
export const faultSchema = z.object({
  error: z.number().int().optional(),
  status: z.number().int().min(100).max(599).optional(),
  delayMs: z.number().int().min(0).max(30_000).optional(),
});
export type Fault = z.infer<typeof faultSchema>;

export interface SentMessage {
  seq: number;
  messageId: string;
  userId: string;
  message: { text?: string; attachment?: { payload?: { buttons?: unknown[] } } };
  accessToken: string;
  contentType: string;
  at: number;
}

/**
 * A local stand-in for Zalo's OA API: the same paths, headers and error shapes
 * (HTTP 200 with `error != 0`), rotating single-use refresh tokens, and injectable faults.
 */
export class FakeZaloOA {
  readonly sent: SentMessage[] = [];
  refreshCount = 0;
  /** Every call to the send endpoint, including the ones answered with an error. */
  sendAttempts = 0;
  private accessToken: string;
  private refreshToken: string;
  private readonly sendFaults: Fault[] = [];
  private readonly oauthFaults: Fault[] = [];
  private seq = 0;

  constructor(
    private readonly appSecret: string,
    initial: { accessToken: string; refreshToken: string },
  ) {
    this.accessToken = initial.accessToken;
    this.refreshToken = initial.refreshToken;
  }

  /** Makes the current access token invalid, as when Zalo expires it early (-216 on next use). */
  revokeAccessToken(): void {
    this.accessToken = `revoked-${randomBytes(4).toString("hex")}`;
  }

  injectSendFaults(...faults: Fault[]): void {
    this.sendFaults.push(...faults);
  }

  injectOAuthFaults(...faults: Fault[]): void {
    this.oauthFaults.push(...faults);
  }

  currentTokens(): { accessToken: string; refreshToken: string } {
    return { accessToken: this.accessToken, refreshToken: this.refreshToken };
  }

  messagesFor(userId: string, afterSeq = 0): SentMessage[] {
    return this.sent.filter((m) => m.userId === userId && m.seq > afterSeq);
  }

  /** The API (mount at the configured ZALO_API_BASE_URL and ZALO_OAUTH_BASE_URL) plus a control API. */
  router(): Router {
    const router = express.Router();
    router.post("/v3.0/oa/message/cs", express.json({ limit: "1mb" }), (req, res) => void this.handleSend(req, res));
    router.post("/v4/oa/access_token", express.urlencoded({ extended: false }), (req, res) => void this.handleOAuth(req, res));
    router.post("/_control/faults", express.json(), (req, res) => {
      const body = z.object({ send: z.array(faultSchema).default([]), oauth: z.array(faultSchema).default([]), revokeAccessToken: z.boolean().default(false) }).safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: "dữ liệu lỗi không hợp lệ" });
      this.injectSendFaults(...body.data.send);
      this.injectOAuthFaults(...body.data.oauth);
      if (body.data.revokeAccessToken) this.revokeAccessToken();
      res.json({ ok: true });
    });
    router.get("/_control/messages", (req, res) => {
      const userId = String(req.query.user ?? "");
      res.json({ messages: this.messagesFor(userId, Number(req.query.after ?? 0)) });
    });
    router.get("/_control/state", (_req, res) => res.json({ refreshCount: this.refreshCount, sent: this.sent.length, sendAttempts: this.sendAttempts }));
    return router;
  }

  private async handleSend(req: Request, res: Response): Promise<void> {
    this.sendAttempts++;
    const fault = this.sendFaults.shift();
    if (await this.applyFault(fault, res)) return;
    if (req.get("access_token") !== this.accessToken) return void res.json({ error: -216, message: "Access token is invalid" });
    const body = req.body as { recipient?: { user_id?: unknown }; message?: SentMessage["message"] };
    const userId = body.recipient?.user_id;
    if (typeof userId !== "string" || !body.message) return void res.json({ error: -201, message: "user_id is invalid!" });
    const text = body.message.text ?? "";
    if ([...text].length > 2000) return void res.json({ error: -210, message: "Parameter exceeds allowable limit" });
    const buttons = body.message.attachment?.payload?.buttons ?? [];
    if (buttons.length > 5) return void res.json({ error: -210, message: "Parameter exceeds allowable limit" });
    const messageId = randomBytes(10).toString("hex");
    this.sent.push({
      seq: ++this.seq, messageId, userId, message: body.message, at: Date.now(),
      accessToken: req.get("access_token") ?? "", contentType: req.get("content-type") ?? "",
    });
    res.json({ error: 0, message: "Success", data: { message_id: messageId, user_id: userId } });
  }

  private async handleOAuth(req: Request, res: Response): Promise<void> {
    const fault = this.oauthFaults.shift();
    if (await this.applyFault(fault, res)) return;
    const form = req.body as Record<string, string | undefined>;
    if (req.get("secret_key") !== this.appSecret) return void res.json({ error: -14002, error_name: "Invalid secret key" });
    if (form.grant_type !== "refresh_token" || form.refresh_token !== this.refreshToken) {
      return void res.json({ error: -14014, error_name: "Invalid refresh token", error_description: "refresh token is invalid or already used" });
    }
    this.refreshCount++;
    this.accessToken = `sim-access-${randomBytes(8).toString("hex")}`;
    this.refreshToken = `sim-refresh-${randomBytes(8).toString("hex")}`;
    res.json({ access_token: this.accessToken, refresh_token: this.refreshToken, expires_in: "90000" });
  }

  /** Returns true when the fault answered the request. */
  private async applyFault(fault: Fault | undefined, res: Response): Promise<boolean> {
    if (!fault) return false;
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.status) {
      res.status(fault.status).json({ error: -1, message: `HTTP ${fault.status}` });
      return true;
    }
    if (fault.error !== undefined) {
      res.json({ error: fault.error, message: `simulated error ${fault.error}` });
      return true;
    }
    return false;
  }
}
