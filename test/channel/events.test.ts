import { describe, expect, it } from "vitest";
import { parseEvent } from "../../src/channel/zalo/events.js";

const USER = "2468458835291979229";
const OA = "388613280878808645";
const TS = "1540363714987";
const parse = (body: Record<string, unknown>) => parseEvent(body, JSON.stringify(body));
const userEvent = (event_name: string, message: Record<string, unknown>) => ({
  app_id: "360846524940903967", user_id_by_app: "552177279717587730", event_name, sender: { id: USER }, recipient: { id: OA }, message, timestamp: TS,
});

describe("webhook event schemas", () => {
  it("parses user_send_text, keeping the 19-digit ids as exact strings", () => {
    const r = parse(userEvent("user_send_text", { msg_id: "96d3cdf3af150460909", text: "lam cccd o dau" }));
    expect(r).toMatchObject({ ok: true, dedupeKey: "msg:96d3cdf3af150460909", timestamp: TS });
    expect(r.ok && r.event).toEqual({ kind: "user_message", name: "user_send_text", userId: USER, msgId: "96d3cdf3af150460909", text: "lam cccd o dau", attachments: [] });
  });

  it.each(["image", "gif", "sticker", "audio", "video", "file", "link", "location", "business_card"])("parses every user_send_%s", (kind) => {
    const r = parse(userEvent(`user_send_${kind}`, { msg_id: `m-${kind}`, attachments: [{ type: kind, payload: { url: "http://f6.photo.talk.zdn.vn/x" } }] }));
    expect(r.ok && r.event).toMatchObject({ kind: "user_message", userId: USER, attachments: [kind] });
  });

  it("parses follow and unfollow (oa_id and follower, no sender)", () => {
    for (const name of ["follow", "unfollow"]) {
      const r = parse({ oa_id: OA, follower: { id: USER }, user_id_by_app: "5", event_name: name, source: "oa_profile", app_id: "3", timestamp: TS });
      expect(r.ok && r.event).toEqual({ kind: name, name, userId: USER });
      expect(r.ok && r.dedupeKey).toBe(`${name}:${USER}:${TS}`);
    }
  });

  it("parses user_submit_info in both the full_address and the flat shape", () => {
    const nested = { name: "Nguyễn Văn A", phone: "84912345678", full_address: { user_city: "Thái Nguyên", user_ward: "Phường Phan Đình Phùng" } };
    const flat = { name: "Nguyễn Văn A", phone: "84912345678", address: "Số 1", city: "Thái Nguyên", district: "", ward: "Phường X" };
    for (const info of [nested, flat]) {
      const r = parse({ sender: { id: USER }, recipient: { id: OA }, event_name: "user_submit_info", app_id: "3", timestamp: TS, info });
      expect(r.ok && r.event).toEqual({ kind: "submit_info", name: "user_submit_info", userId: USER });
    }
  });

  it("parses user_click_chatnow", () => {
    const r = parse({ event_name: "user_click_chatnow", oa_id: OA, user_id: USER, app_id: "3", timestamp: TS });
    expect(r.ok && r.event).toEqual({ kind: "chat_now", name: "user_click_chatnow", userId: USER });
  });

  it("parses oa_send_* echoes with the citizen as recipient", () => {
    const r = parse({ event_name: "oa_send_text", sender: { id: OA }, recipient: { id: USER }, message: { msg_id: "echo1", text: "Chào anh" }, app_id: "3", timestamp: TS });
    expect(r.ok && r.event).toEqual({ kind: "oa_echo", name: "oa_send_text", userId: USER, msgId: "echo1", text: "Chào anh" });
    expect(r.ok && r.dedupeKey).toBe("msg:echo:echo1");
  });

  it("parses user_received_message and user_seen_message (msg_ids array)", () => {
    const received = parse({ event_name: "user_received_message", sender: { id: OA }, recipient: { id: USER }, message: { msg_id: "a" }, timestamp: TS });
    const seen = parse({ event_name: "user_seen_message", sender: { id: OA }, recipient: { id: USER }, message: { msg_ids: ["a", "b"] }, timestamp: TS });
    expect(received.ok && received.event).toMatchObject({ kind: "delivery", userId: USER, msgIds: ["a"] });
    expect(seen.ok && seen.event).toMatchObject({ kind: "delivery", userId: USER, msgIds: ["a", "b"] });
  });

  it("parses anonymous events with either field placement", () => {
    const a = parse({ event_name: "anonymous_send_text", anonymous_id: "anon-1", conversation_id: "c1", message: { msg_id: "x", text: "hi" }, timestamp: TS });
    const b = parse({ event_name: "anonymous_send_text", sender: { id: "anon-2" }, message: { text: "hi" }, timestamp: TS });
    expect(a.ok && a.event).toMatchObject({ kind: "anonymous", userId: "anon-1", msgId: "x" });
    expect(b.ok && b.event).toMatchObject({ kind: "anonymous", userId: "anon-2", msgId: null });
  });

  it("accepts a numeric timestamp as sent and keeps it as a string", () => {
    const r = parse({ ...userEvent("user_send_text", { msg_id: "n1", text: "x" }), timestamp: 1540363714987 });
    expect(r.ok && r.timestamp).toBe("1540363714987");
  });

  it("reports an unknown event name as unknown, keyed on its bytes", () => {
    const r = parse({ event_name: "shop_has_order", oa_id: OA, timestamp: TS, order: { id: 1 } });
    expect(r.ok && r.event).toEqual({ kind: "unknown", name: "shop_has_order" });
    expect(r.ok && r.dedupeKey).toMatch(/^raw:[0-9a-f]{64}$/);
  });

  it("rejects malformed events without throwing", () => {
    expect(parse({ event_name: "user_send_text", sender: { id: USER }, timestamp: TS }).ok).toBe(false);
    expect(parse({ event_name: "user_send_text", sender: { id: 123 }, recipient: { id: OA }, message: { msg_id: "m" }, timestamp: TS }).ok).toBe(false);
    expect(parseEvent(null, "null").ok).toBe(false);
    expect(parseEvent([1, 2], "[1,2]").ok).toBe(false);
    expect(parse({ timestamp: TS }).ok).toBe(false);
  });
});
