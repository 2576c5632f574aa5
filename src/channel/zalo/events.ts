import { createHash } from "node:crypto";
import { z } from "zod";

/** Zalo ids are 18–19 digit strings: they overflow a JS number, so they stay strings end to end. */
const id = z.string().min(1);
const timestamp = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String);
const party = z.object({ id }).passthrough();

const attachment = z
  .object({ type: z.string(), payload: z.record(z.unknown()).optional() })
  .passthrough();

const base = { app_id: z.string().optional(), timestamp, user_id_by_app: z.string().optional() };

export const userMessageSchema = z
  .object({
    ...base,
    event_name: z.string().regex(/^user_send_[a-z_]+$/),
    sender: party,
    recipient: party,
    message: z
      .object({ msg_id: id, text: z.string().optional(), attachments: z.array(attachment).optional(), quote_msg_id: z.string().optional() })
      .passthrough(),
  })
  .passthrough();

export const oaEchoSchema = z
  .object({
    ...base,
    event_name: z.string().regex(/^oa_send_[a-z_]+$/),
    sender: party,
    recipient: party.partial().optional(),
    message: z.object({ msg_id: id, text: z.string().optional() }).passthrough(),
  })
  .passthrough();

export const followSchema = z
  .object({ ...base, event_name: z.enum(["follow", "unfollow"]), oa_id: id, follower: party, source: z.string().optional() })
  .passthrough();

const addressPart = z.string().optional();
export const submitInfoSchema = z
  .object({
    ...base,
    event_name: z.literal("user_submit_info"),
    sender: party,
    recipient: party,
    info: z
      .object({
        name: z.string().optional(),
        phone: z.string().optional(),
        user_dob: z.string().optional(),
        gender: z.string().optional(),
        address: addressPart,
        city: addressPart,
        district: addressPart,
        ward: addressPart,
        full_address: z.object({ user_city: addressPart, user_ward: addressPart, user_address: addressPart }).passthrough().optional(),
      })
      .passthrough(),
  })
  .passthrough();

export const chatNowSchema = z
  .object({ ...base, event_name: z.literal("user_click_chatnow"), oa_id: id, user_id: id })
  .passthrough();

export const receivedSchema = z
  .object({ ...base, event_name: z.literal("user_received_message"), sender: party, recipient: party, message: z.object({ msg_id: id }).passthrough() })
  .passthrough();

export const seenSchema = z
  .object({ ...base, event_name: z.literal("user_seen_message"), sender: party, recipient: party, message: z.object({ msg_ids: z.array(id).min(1) }).passthrough() })
  .passthrough();

/** Anonymous (web widget) users: field placement is not confirmed, so both known spellings are read. */
export const anonymousSchema = z
  .object({
    ...base,
    event_name: z.string().regex(/^(anonymous_send|oa_send_anonymous)_[a-z_]+$/),
    sender: party.partial().optional(),
    message: z.object({ msg_id: id.optional(), text: z.string().optional(), conversation_id: z.string().optional() }).passthrough().optional(),
    conversation_id: z.string().optional(),
    anonymous_id: z.string().optional(),
  })
  .passthrough();

export const envelopeSchema = z.object({ event_name: z.string().min(1), timestamp }).passthrough();

export type ZaloEvent =
  | { kind: "user_message"; name: string; userId: string; msgId: string; text?: string; attachments: string[] }
  | { kind: "oa_echo"; name: string; userId: string | null; msgId: string; text?: string }
  | { kind: "follow" | "unfollow"; name: string; userId: string }
  | { kind: "submit_info"; name: string; userId: string }
  | { kind: "chat_now"; name: string; userId: string }
  | { kind: "delivery"; name: string; userId: string; msgIds: string[] }
  | { kind: "anonymous"; name: string; userId: string | null; msgId: string | null }
  | { kind: "unknown"; name: string };

export type ParsedWebhook =
  | { ok: true; event: ZaloEvent; timestamp: string; dedupeKey: string }
  | { ok: false; reason: string; eventName?: string };

/** Turns a verified body into a typed event; anything that fits no schema is "unknown", never an exception. */
export function parseEvent(body: unknown, rawBody: string): ParsedWebhook {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: "thiếu event_name hoặc timestamp" };
  const { event_name: name, timestamp: ts } = envelope.data;
  const event = classify(name, body);
  if (!event) return { ok: false, reason: `sự kiện ${name} sai cấu trúc`, eventName: name };
  return { ok: true, event, timestamp: ts, dedupeKey: dedupeKey(event, ts, rawBody) };
}

function classify(name: string, body: unknown): ZaloEvent | null {
  const fits = <T extends z.ZodTypeAny>(schema: T) => {
    const r = schema.safeParse(body);
    return r.success ? (r.data as z.infer<T>) : null;
  };
  if (name.startsWith("user_send_")) {
    const e = fits(userMessageSchema);
    return e && {
      kind: "user_message", name, userId: e.sender.id, msgId: e.message.msg_id, text: e.message.text,
      attachments: (e.message.attachments ?? []).map((a) => a.type),
    };
  }
  if (/^(anonymous_send|oa_send_anonymous)_/.test(name)) {
    const e = fits(anonymousSchema);
    return e && { kind: "anonymous", name, userId: e.anonymous_id ?? e.sender?.id ?? null, msgId: e.message?.msg_id ?? null };
  }
  if (name.startsWith("oa_send_")) {
    const e = fits(oaEchoSchema);
    return e && { kind: "oa_echo", name, userId: e.recipient?.id ?? null, msgId: e.message.msg_id, text: e.message.text };
  }
  switch (name) {
    case "follow":
    case "unfollow": {
      const e = fits(followSchema);
      return e && { kind: name, name, userId: e.follower.id };
    }
    case "user_submit_info": {
      const e = fits(submitInfoSchema);
      return e && { kind: "submit_info", name, userId: e.sender.id };
    }
    case "user_click_chatnow": {
      const e = fits(chatNowSchema);
      return e && { kind: "chat_now", name, userId: e.user_id };
    }
    case "user_received_message": {
      const e = fits(receivedSchema);
      return e && { kind: "delivery", name, userId: e.recipient.id, msgIds: [e.message.msg_id] };
    }
    case "user_seen_message": {
      const e = fits(seenSchema);
      return e && { kind: "delivery", name, userId: e.recipient.id, msgIds: e.message.msg_ids };
    }
    default:
      return { kind: "unknown", name };
  }
}

/** msg_id where Zalo gives one; otherwise a key built from what makes the event unique. */
function dedupeKey(event: ZaloEvent, ts: string, rawBody: string): string {
  if ("msgId" in event && event.msgId) return `msg:${event.kind === "oa_echo" ? "echo:" : ""}${event.msgId}`;
  if (event.kind === "delivery") return `${event.name}:${event.userId}:${event.msgIds.join(",")}`;
  if ("userId" in event && event.userId) return `${event.name}:${event.userId}:${ts}`;
  return `raw:${createHash("sha256").update(rawBody).digest("hex")}`;
}

/** The citizen an event concerns, for per-citizen ordering; null when it concerns nobody we answer. */
export function eventUserId(event: ZaloEvent): string | null {
  return "userId" in event ? event.userId : null;
}
