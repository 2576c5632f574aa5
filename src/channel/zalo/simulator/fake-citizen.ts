import { randomBytes } from "node:crypto";
import axios from "axios";
import { signatureHeader } from "../signature.js";

export interface CitizenOptions {
  webhookUrl: string;
  appId: string;
  oaId: string;
  oaSecretKey: string;
  now?: () => number;
}

export interface Delivery {
  status: number;
  body: unknown;
  raw: string;
}

/** A fake citizen: builds Zalo webhook events shaped like the real ones and signs them correctly. */
export class FakeCitizen {
  constructor(private readonly options: CitizenOptions) {}

  textEvent(userId: string, text: string, msgId = newMsgId()): Record<string, unknown> {
    return this.userEvent("user_send_text", userId, { msg_id: msgId, text });
  }

  imageEvent(userId: string, msgId = newMsgId()): Record<string, unknown> {
    return this.userEvent("user_send_image", userId, {
      msg_id: msgId,
      attachments: [{ type: "image", payload: { url: "http://127.0.0.1/fake.jpg", thumbnail: "http://127.0.0.1/fake-t.jpg" } }],
    });
  }

  followEvent(userId: string): Record<string, unknown> {
    return {
      app_id: this.options.appId, oa_id: this.options.oaId, follower: { id: userId }, user_id_by_app: `app-${userId}`,
      event_name: "follow", source: "oa_profile", timestamp: this.timestamp(),
    };
  }

  /** Signs and posts an event; `signature` overrides the header (null sends none), `headers` adds more. */
  async deliver(event: unknown, opts: { signature?: string | null; headers?: Record<string, string>; raw?: string } = {}): Promise<Delivery> {
    const raw = opts.raw ?? JSON.stringify(event);
    const timestamp = String((event as { timestamp?: unknown }).timestamp ?? "");
    const signature = opts.signature === undefined ? signatureHeader(this.options.appId, raw, timestamp, this.options.oaSecretKey) : opts.signature;
    const headers: Record<string, string> = { "Content-Type": "application/json", ...opts.headers };
    if (signature !== null) headers["X-ZEvent-Signature"] = signature;
    const response = await axios.post(this.options.webhookUrl, raw, { headers, validateStatus: () => true, transformRequest: (d: unknown) => d });
    return { status: response.status, body: response.data, raw };
  }

  sendText(userId: string, text: string): Promise<Delivery> {
    return this.deliver(this.textEvent(userId, text));
  }

  private userEvent(eventName: string, userId: string, message: Record<string, unknown>): Record<string, unknown> {
    return {
      app_id: this.options.appId, user_id_by_app: `app-${userId}`, event_name: eventName,
      sender: { id: userId }, recipient: { id: this.options.oaId }, message, timestamp: this.timestamp(),
    };
  }

  private timestamp(): string {
    return String((this.options.now ?? Date.now)());
  }
}

export function newMsgId(): string {
  return randomBytes(10).toString("hex");
}
