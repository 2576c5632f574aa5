import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/generated/prisma/client.js";
import { newUserId, openDb, startFakeZalo, startServer, waitFor, type RunningServer } from "./harness.js";

let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
let server: RunningServer;
let db: PrismaClient;

beforeAll(async () => {
  zalo = await startFakeZalo();
  server = await startServer(zalo.url);
  db = openDb(server.databaseUrl);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await zalo?.close();
});

const health = async () => (await (await fetch(`${server.baseUrl}/healthz`)).json()) as { status: string; webhook: Record<string, number> };

describe("webhook end to end (real server, simulated Zalo on 127.0.0.1)", () => {
  it("answers a signed text event with the knowledge-base answer, right headers and body", async () => {
    const user = newUserId();
    const delivery = await server.citizen.sendText(user, "Thủ tục đăng ký khai sinh cho con cần những giấy tờ gì?");
    expect(delivery.status).toBe(200);
    await waitFor(() => zalo.fake.messagesFor(user).length > 0);
    const [reply] = zalo.fake.messagesFor(user);
    expect(reply?.accessToken).toBe("e2e-access-0");
    expect(reply?.contentType).toMatch(/application\/json/);
    expect(reply?.message.text).toMatch(/khai sinh/i);
    expect(reply?.message.text).toMatch(/Nguồn: .+ Kiểm tra ngày \d{2}\/\d{2}\/\d{4}\./);
    const buttons = reply?.message.attachment?.payload?.buttons as Array<{ title: string; type: string }>;
    expect(buttons.map((b) => b.title)).toContain("Giấy tờ cần chuẩn bị");
    expect(buttons.at(-1)).toMatchObject({ title: "Gặp cán bộ", type: "oa.query.show" });
    const logged = await db.queryLog.findFirst({ where: { matchedId: "khai-sinh-dang-ky" } });
    expect(logged).toMatchObject({ band: "answer", outcome: "answered", topic: "khai-sinh" });
  });

  it("greets a new follower with the menu", async () => {
    const user = newUserId();
    await server.citizen.deliver(server.citizen.followEvent(user));
    await waitFor(() => zalo.fake.messagesFor(user).length > 0);
    const buttons = zalo.fake.messagesFor(user)[0]?.message.attachment?.payload?.buttons ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(2);
  });

  it("drops forged and unsigned events: no reply, nothing stored, counted", async () => {
    const user = newUserId();
    const before = await db.inboundEvent.count();
    const rejectedBefore = (await health()).webhook.rejectedSignature ?? 0;
    const forged = await server.citizen.deliver(server.citizen.textEvent(user, "lam cccd"), { signature: `mac=${"ab".repeat(32)}` });
    const unsigned = await server.citizen.deliver(server.citizen.textEvent(user, "lam cccd"), { signature: null });
    expect([forged.status, unsigned.status]).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 500));
    expect(zalo.fake.messagesFor(user)).toHaveLength(0);
    expect(await db.inboundEvent.count()).toBe(before);
    expect((await health()).webhook.rejectedSignature).toBe(rejectedBefore + 2);
  });

  it("replies once to the same event delivered three times (Zalo retries with num_retry)", async () => {
    const user = newUserId();
    const event = server.citizen.textEvent(user, "đăng ký tạm trú ở đâu");
    await server.citizen.deliver(event);
    await server.citizen.deliver(event, { headers: { num_retry: "1" } });
    await server.citizen.deliver(event, { headers: { num_retry: "2" } });
    await waitFor(() => zalo.fake.messagesFor(user).length > 0);
    await new Promise((r) => setTimeout(r, 700));
    expect(zalo.fake.messagesFor(user)).toHaveLength(1);
    expect((await health()).webhook.duplicates).toBeGreaterThanOrEqual(2);
  });

  it("survives unknown, malformed and oversized events, and keeps answering", async () => {
    const user = newUserId();
    const unknown = await server.citizen.deliver({ event_name: "shop_has_order", oa_id: "1", timestamp: "1700000000000", order: {} });
    const wrongShape = await server.citizen.deliver({ event_name: "user_send_text", sender: { id: 5 }, timestamp: "1700000000001" });
    const notJson = await server.citizen.deliver({ timestamp: "1" }, { raw: "{not json", signature: "mac=00" });
    const arrayBody = await server.citizen.deliver([1, 2, 3]);
    const huge = await server.citizen.deliver(server.citizen.textEvent(user, "x".repeat(400_000)));
    expect([unknown.status, wrongShape.status, notJson.status, arrayBody.status]).toEqual([200, 200, 200, 200]);
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ error: "Nội dung gửi lên quá lớn." });
    expect(await db.inboundEvent.count({ where: { eventName: "shop_has_order", status: "ignored" } })).toBe(1);
    await server.citizen.sendText(user, "xin chào");
    await waitFor(() => zalo.fake.messagesFor(user).length > 0);
    expect((await health()).status).toBe("ok");
  });

  it("answers a picture with an honest note and records personal data redacted", async () => {
    const user = newUserId();
    await server.citizen.deliver(server.citizen.imageEvent(user));
    await server.citizen.sendText(user, "Tôi tên là Nguyễn Văn An, số căn cước 001203004567, sđt 0912 345 678, làm lại căn cước bị mất");
    await waitFor(() => zalo.fake.messagesFor(user).length >= 2);
    expect(zalo.fake.messagesFor(user)[0]?.message.text).toMatch(/tin nhắn chữ/);
    const logged = await db.queryLog.findFirst({ where: { text: { contains: "căn cước bị mất" } } });
    expect(logged?.text).not.toMatch(/001203004567|0912|Nguyễn Văn An/);
    expect(logged?.text).toContain("[số giấy tờ]");
    expect(logged?.userKey).not.toContain(user);
    expect(server.output()).not.toMatch(/001203004567|e2e-access-0|e2e-refresh-0|e2e-app-secret/);
  });
});

describe("a cán bộ replying from OA Manager", () => {
  const echo = (user: string, msgId: string) => ({
    app_id: "3", event_name: "oa_send_text", sender: { id: "oa" }, recipient: { id: user },
    message: { msg_id: msgId, text: "Chào anh, em là cán bộ một cửa" }, timestamp: String(Date.now()),
  });

  it("makes the assistant stay quiet for that citizen, while echoes of its own replies do not", async () => {
    const quiet = newUserId();
    const normal = newUserId();
    await server.citizen.sendText(normal, "làm hộ chiếu ở đâu");
    await waitFor(() => zalo.fake.messagesFor(normal).length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    for (const m of zalo.fake.messagesFor(normal)) await server.citizen.deliver(echo(normal, m.messageId));
    const answered = zalo.fake.messagesFor(normal).length;
    await server.citizen.deliver(echo(quiet, "typed-by-a-can-bo-in-oa-manager"));
    await new Promise((r) => setTimeout(r, 300));
    await server.citizen.sendText(quiet, "làm hộ chiếu ở đâu");
    await server.citizen.sendText(normal, "đăng ký tạm trú ở đâu");
    await waitFor(() => zalo.fake.messagesFor(normal).length > answered);
    await new Promise((r) => setTimeout(r, 500));
    expect(zalo.fake.messagesFor(quiet)).toHaveLength(0);
    expect(await db.queryLog.count({ where: { outcome: "to_inbox" } })).toBe(1);
    expect(await db.handoff.count({ where: { userId: quiet, status: "with_agent", viaOaManager: true } })).toBe(1);
    expect(await db.handoff.count({ where: { userId: normal } })).toBe(0);
  });
});
