import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decryptToken } from "../../src/channel/zalo/token-crypto.js";
import { ENCRYPTION_KEY, newUserId, openDb, startFakeZalo, startServer, waitFor, type RunningServer } from "./harness.js";

let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
const servers: RunningServer[] = [];

beforeAll(async () => {
  zalo = await startFakeZalo();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
afterAll(async () => zalo?.close());

const envOf = new Map<string, Record<string, string>>();

/**
 * A fresh deployment gets the grant that is valid now (earlier tests rotated the original one);
 * a restart on the same database keeps the environment it had, as a real restart does.
 */
async function start(databaseUrl?: string): Promise<RunningServer> {
  const { accessToken, refreshToken } = zalo.fake.currentTokens();
  const env = (databaseUrl && envOf.get(databaseUrl)) || { ZALO_ACCESS_TOKEN: accessToken, ZALO_REFRESH_TOKEN: refreshToken };
  const server = await startServer(zalo.url, { databaseUrl, env });
  envOf.set(server.databaseUrl, env);
  servers.push(server);
  return server;
}

async function storedRefreshToken(databaseUrl: string): Promise<string> {
  const db = openDb(databaseUrl);
  try {
    const row = await db.oaToken.findFirstOrThrow();
    return decryptToken(row.refreshTokenEnc, Buffer.from(ENCRYPTION_KEY, "hex"));
  } finally {
    await db.$disconnect();
  }
}

describe("failures end to end", () => {
  it("-216 on a send: exactly one refresh, the rotated pair persisted, the retried send succeeds", async () => {
    const server = await start();
    const user = newUserId();
    const refreshesBefore = zalo.fake.refreshCount;
    zalo.fake.revokeAccessToken();
    await server.citizen.sendText(user, "giờ làm việc của bộ phận một cửa");
    await waitFor(() => zalo.fake.messagesFor(user).length > 0);
    expect(zalo.fake.refreshCount).toBe(refreshesBefore + 1);
    expect(zalo.fake.messagesFor(user)[0]?.accessToken).toBe(zalo.fake.currentTokens().accessToken);
    expect(await storedRefreshToken(server.databaseUrl)).toBe(zalo.fake.currentTokens().refreshToken);
  });

  it("-216 with ten sends in flight: still exactly one refresh, and every citizen gets a reply", async () => {
    const server = await start();
    await server.citizen.sendText(newUserId(), "xin chào");
    const refreshesBefore = zalo.fake.refreshCount;
    zalo.fake.revokeAccessToken();
    zalo.fake.injectSendFaults(...Array.from({ length: 10 }, () => ({ delayMs: 200 })));
    const users = Array.from({ length: 10 }, newUserId);
    await Promise.all(users.map((u) => server.citizen.sendText(u, "nộp hồ sơ trực tuyến như thế nào")));
    await waitFor(() => users.every((u) => zalo.fake.messagesFor(u).length > 0), 15_000);
    expect(zalo.fake.refreshCount).toBe(refreshesBefore + 1);
  });

  it("-230 is not retried and is recorded against the citizen", async () => {
    const server = await start();
    const user = newUserId();
    await server.citizen.sendText(user, "xin chào");
    await waitFor(() => zalo.fake.messagesFor(user).length > 0);
    const attemptsBefore = zalo.fake.sendAttempts;
    zalo.fake.injectSendFaults({ error: -230 });
    await server.citizen.sendText(user, "làm hộ chiếu ở đâu");
    const db = openDb(server.databaseUrl);
    try {
      await waitFor(async () => (await db.conversation.findUnique({ where: { userId: user } }))?.unreachableCode === -230);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(zalo.fake.sendAttempts).toBe(attemptsBefore + 1);
      expect(await db.outboundMessage.count({ where: { userId: user, status: "unreachable" } })).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });

  it("SIGKILL between acknowledgement and reply: after a restart the reply is sent exactly once", async () => {
    const first = await start();
    const user = newUserId();
    await first.citizen.sendText(user, "xin chào");
    await waitFor(() => zalo.fake.messagesFor(user).length === 1);
    const attemptsBefore = zalo.fake.sendAttempts;
    zalo.fake.injectSendFaults({ status: 503, delayMs: 300 }, { status: 503, delayMs: 300 }, { status: 503, delayMs: 300 });
    const ack = await first.citizen.sendText(user, "đăng ký thường trú cần giấy tờ gì");
    expect(ack.status).toBe(200);
    await waitFor(() => zalo.fake.sendAttempts > attemptsBefore, 5_000, 5);
    await first.stop("SIGKILL");
    expect(zalo.fake.messagesFor(user)).toHaveLength(1);

    const second = await start(first.databaseUrl);
    await waitFor(() => zalo.fake.messagesFor(user).length === 2, 20_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(zalo.fake.messagesFor(user)).toHaveLength(2);
    expect(zalo.fake.messagesFor(user)[1]?.message.text).toMatch(/thường trú/i);
    expect(second.output()).not.toMatch(/e2e-refresh|e2e-access/);
  });

  it("an event stored but not processed before a SIGKILL is processed once after restart", async () => {
    const first = await start();
    const user = newUserId();
    await first.stop("SIGKILL");
    const db = openDb(first.databaseUrl);
    const event = first.citizen.textEvent(user, "cấp lại giấy phép lái xe bị mất");
    await db.inboundEvent.create({ data: { dedupeKey: `msg:${(event.message as { msg_id: string }).msg_id}`, eventName: "user_send_text", userId: user, payload: JSON.stringify(event) } });
    await db.$disconnect();
    const second = await start(first.databaseUrl);
    await waitFor(() => zalo.fake.messagesFor(user).length > 0, 10_000);
    await second.citizen.deliver(event, { headers: { num_retry: "1" } });
    await new Promise((r) => setTimeout(r, 800));
    expect(zalo.fake.messagesFor(user)).toHaveLength(1);
  });
});
