import nock from "nock";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZaloOAuthClient } from "../../src/channel/zalo/oauth-client.js";
import { decryptToken } from "../../src/channel/zalo/token-crypto.js";
import { TokenManager } from "../../src/channel/zalo/token-manager.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";
import { silentLogger } from "../helpers/logger.js";

const OAUTH = "https://oauth.zalo.test";
const KEY = Buffer.alloc(32, 7);
let db: Database;
let clock = 1_800_000_000_000;

function manager(overrides: Partial<ConstructorParameters<typeof TokenManager>[3]> = {}) {
  return new TokenManager(db, new ZaloOAuthClient(OAUTH, "app-1", "app-secret", 1_000), silentLogger, {
    oaId: "oa-1", encryptionKey: KEY, initialAccessToken: "access-0", initialRefreshToken: "refresh-0",
    refreshAheadMs: 2 * 3600_000, leaseMs: 5_000, now: () => clock, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 1))), ...overrides,
  });
}

function oauthReplies(from: string, to: number) {
  return nock(OAUTH, { reqheaders: { secret_key: "app-secret" } })
    .post("/v4/oa/access_token", (body: Record<string, string>) => body.grant_type === "refresh_token" && body.refresh_token === from && body.app_id === "app-1")
    .reply(200, { access_token: `access-${to}`, refresh_token: `refresh-${to}`, expires_in: "90000" });
}

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
  db = (await tempDatabase()).db;
});
afterEach(() => nock.cleanAll());

describe("token manager", () => {
  it("seeds the initial grant and stores it encrypted, never in clear", async () => {
    await expect(manager().getAccessToken()).resolves.toBe("access-0");
    const row = await db.oaToken.findUniqueOrThrow({ where: { id: "oa-1" } });
    expect(row.accessTokenEnc).not.toContain("access-0");
    expect(row.refreshTokenEnc).not.toContain("refresh-0");
    expect(decryptToken(row.refreshTokenEnc, KEY)).toBe("refresh-0");
  });

  it("refreshes once for ten concurrent callers and persists the rotated pair before returning it", async () => {
    const scope = oauthReplies("refresh-0", 1);
    const m = manager();
    await m.getAccessToken();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => m.forceRefresh("access-0")));
    expect(new Set(tokens)).toEqual(new Set(["access-1"]));
    expect(scope.isDone()).toBe(true);
    const row = await db.oaToken.findUniqueOrThrow({ where: { id: "oa-1" } });
    expect(decryptToken(row.refreshTokenEnc, KEY)).toBe("refresh-1");
    expect(row.expiresAt?.getTime()).toBe(clock + 90_000_000);
  });

  it("lets two instances sharing the database spend a refresh token only once", async () => {
    const scope = oauthReplies("refresh-0", 1);
    const a = manager();
    const b = manager();
    await a.getAccessToken();
    const [ta, tb] = await Promise.all([a.forceRefresh("access-0"), b.forceRefresh("access-0")]);
    expect([ta, tb]).toEqual(["access-1", "access-1"]);
    expect(scope.isDone()).toBe(true);
  });

  it("does not refresh again when another caller already replaced the failed token", async () => {
    oauthReplies("refresh-0", 1);
    const m = manager();
    await m.forceRefresh("access-0");
    await expect(m.forceRefresh("access-0")).resolves.toBe("access-1");
  });

  it("refreshes ahead of expiry", async () => {
    oauthReplies("refresh-0", 1);
    oauthReplies("refresh-1", 2);
    const m = manager();
    await m.forceRefresh("access-0");
    clock += 90_000_000 - 3600_000;
    await expect(m.getAccessToken()).resolves.toBe("access-2");
  });

  it("turns health to degraded and raises an alert when the refresh token is rejected for good", async () => {
    nock(OAUTH).post("/v4/oa/access_token").reply(200, { error: -14014, error_name: "Invalid refresh token" });
    const m = manager();
    await m.getAccessToken();
    await expect(m.forceRefresh("access-0")).rejects.toThrow(/Invalid refresh token/);
    await expect(m.health()).resolves.toBe("degraded");
  });

  it("keeps health ok after a transient refresh failure (HTTP 502)", async () => {
    nock(OAUTH).post("/v4/oa/access_token").reply(502, "bad gateway");
    const m = manager();
    await m.getAccessToken();
    await expect(m.forceRefresh("access-0")).rejects.toMatchObject({ kind: "retryable" });
    await expect(m.health()).resolves.toBe("ok");
  });

  it("re-seeds when an operator puts a new grant in the environment", async () => {
    await manager().getAccessToken();
    await expect(manager({ initialAccessToken: "access-new", initialRefreshToken: "refresh-new" }).getAccessToken()).resolves.toBe("access-new");
  });
});
