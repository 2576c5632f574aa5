import { createHash } from "node:crypto";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { Logger } from "../../logger.js";
import type { Database } from "../../storage/database.js";
import { storeEvent } from "../../storage/inbox.js";
import { eventUserId, parseEvent } from "./events.js";
import { verifySignature } from "./signature.js";

export const WEBHOOK_PATH = "/webhooks/zalo";

export interface WebhookCounters {
  accepted: number;
  duplicates: number;
  rejectedSignature: number;
  malformed: number;
}

export interface WebhookOptions {
  appId: string;
  oaSecretKey: string;
  strictSignature: boolean;
  bodyLimit: string;
  onEvent: (eventId: number, userId: string | null) => void;
}

/**
 * POST /webhooks/zalo: verify the signature on the raw bytes, store the event once, answer 200 at
 * once; processing happens after the answer. Forged or unsigned events are dropped, logged and
 * counted, and nothing of them is stored.
 */
export function webhookRouter(db: Database, logger: Logger, options: WebhookOptions): { router: Router; counters: WebhookCounters } {
  const counters: WebhookCounters = { accepted: 0, duplicates: 0, rejectedSignature: 0, malformed: 0 };
  const router = express.Router();

  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: options.bodyLimit }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const rawBody = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      const retry = req.get("num_retry");
      const body = parseJson(rawBody);
      const timestamp = readTimestamp(body);
      const signed = verifySignature({ appId: options.appId, oaSecretKey: options.oaSecretKey, rawBody, timestamp, header: req.get("X-ZEvent-Signature") });
      if (!signed) {
        counters.rejectedSignature++;
        logger.warn({ retry, bytes: rawBody.length, hasHeader: Boolean(req.get("X-ZEvent-Signature")) }, "webhook: missing or wrong signature, dropped");
        res.status(options.strictSignature ? 401 : 200).json({ error: "chữ ký không hợp lệ" });
        return;
      }
      const parsed = parseEvent(body, rawBody);
      if (!parsed.ok) {
        counters.malformed++;
        logger.warn({ reason: parsed.reason, event: parsed.eventName }, "webhook: signed event with an unexpected shape, stored and ignored");
        await storeEvent(db, { dedupeKey: `invalid:${hashOf(rawBody)}`, eventName: parsed.eventName ?? "unknown", userId: null, payload: rawBody, status: "ignored" });
        res.status(200).json({ ok: true });
        return;
      }
      const userId = eventUserId(parsed.event);
      const ignored = parsed.event.kind === "unknown";
      const stored = await storeEvent(db, { dedupeKey: parsed.dedupeKey, eventName: parsed.event.name, userId, payload: rawBody, status: ignored ? "ignored" : "pending" });
      res.status(200).json({ ok: true });
      if (stored.duplicate) {
        counters.duplicates++;
        logger.info({ event: parsed.event.name, retry }, "webhook: redelivered event, already stored");
        return;
      }
      counters.accepted++;
      if (!ignored) options.onEvent(stored.id, userId);
    } catch (error) {
      next(error);
    }
  });

  return { router, counters };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The signature uses the body's timestamp exactly as sent (string or number). */
function readTimestamp(body: unknown): string | undefined {
  const ts = (body as { timestamp?: unknown } | undefined)?.timestamp;
  return typeof ts === "string" || typeof ts === "number" ? String(ts) : undefined;
}

function hashOf(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}
