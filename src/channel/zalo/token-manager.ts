import { createHash } from "node:crypto";
import type { Logger } from "../../logger.js";
import type { Database } from "../../storage/database.js";
import { ZaloApiError, ZaloNetworkError } from "./errors.js";
import type { ZaloOAuthClient } from "./oauth-client.js";
import { decryptToken, encryptToken } from "./token-crypto.js";

export type TokenHealth = "ok" | "degraded" | "missing";

export interface TokenManagerOptions {
  oaId: string;
  encryptionKey: Buffer;
  initialAccessToken?: string;
  initialRefreshToken?: string;
  refreshAheadMs: number;
  /** Longer than the OAuth HTTP timeout, so two instances never spend the same refresh token. */
  leaseMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class TokenRefreshError extends Error {}

/**
 * Keeps one valid OA access token. Refresh tokens are single-use and rotate, so exactly one
 * refresh runs at a time (in-process single flight plus a lease row in the database for several
 * instances), and the new pair is stored before anyone uses it.
 */
export class TokenManager {
  private inflight: Promise<string> | null = null;
  /**
   * The token in use, so a send does not read the database. Safe with several instances: if
   * another one rotates the token, Zalo answers -216 and forceRefresh re-reads the database.
   */
  private cached: { token: string; expiresAt: number | null } | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly leaseMs: number;

  constructor(
    private readonly db: Database,
    private readonly oauth: ZaloOAuthClient,
    private readonly logger: Logger,
    private readonly options: TokenManagerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** The current access token, refreshed first when it is about to expire. */
  async getAccessToken(): Promise<string> {
    if (this.cached && !this.isDue(this.cached.expiresAt)) return this.cached.token;
    const row = await this.ensureSeeded();
    const token = this.remember(row.accessTokenEnc, row.expiresAt);
    return this.isDue(row.expiresAt) ? this.refreshOnce(token) : token;
  }

  /** Called when Zalo rejected `failedToken` (-216/-220): refresh unless someone already did. */
  async forceRefresh(failedToken: string): Promise<string> {
    return this.refreshOnce(failedToken);
  }

  /** For the periodic timer: refresh ahead of expiry; failures are logged, never thrown. */
  async refreshIfDue(): Promise<void> {
    try {
      await this.getAccessToken();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, "zalo token: scheduled refresh failed");
    }
  }

  async health(): Promise<TokenHealth> {
    const row = await this.db.oaToken.findUnique({ where: { id: this.options.oaId } });
    if (!row) return this.options.initialRefreshToken ? "ok" : "missing";
    if (row.status === "failed") return "degraded";
    const expired = row.expiresAt !== null && row.expiresAt.getTime() < this.now();
    return expired ? "degraded" : "ok";
  }

  private refreshOnce(staleAccessToken: string): Promise<string> {
    if (!this.inflight) {
      this.inflight = this.refreshShared(staleAccessToken).finally(() => {
        this.inflight = null;
      });
    }
    return this.inflight;
  }

  private async refreshShared(staleAccessToken: string): Promise<string> {
    const deadline = this.now() + this.leaseMs + 5_000;
    while (this.now() < deadline) {
      const row = await this.ensureSeeded();
      const current = this.remember(row.accessTokenEnc, row.expiresAt);
      if (current !== staleAccessToken && !this.isDue(row.expiresAt)) return current;
      if (await this.takeLease()) {
        try {
          return await this.refreshWithLease();
        } finally {
          await this.db.oaToken.update({ where: { id: this.options.oaId }, data: { refreshLockUntil: null } });
        }
      }
      await this.sleep(250);
    }
    throw new TokenRefreshError("zalo token: another instance held the refresh lease too long");
  }

  private async refreshWithLease(): Promise<string> {
    const row = await this.ensureSeeded();
    const refreshToken = this.open(row.refreshTokenEnc);
    try {
      const pair = await this.oauth.refresh(refreshToken);
      const expiresAt = new Date(this.now() + pair.expiresIn * 1000);
      await this.db.oaToken.update({
        where: { id: this.options.oaId },
        data: {
          accessTokenEnc: this.seal(pair.accessToken),
          refreshTokenEnc: this.seal(pair.refreshToken),
          expiresAt,
          status: "ok",
          lastError: null,
          rotatedAt: new Date(this.now()),
        },
      });
      this.logger.info({ oaId: this.options.oaId, expiresInSeconds: pair.expiresIn }, "zalo token: rotated");
      this.cached = { token: pair.accessToken, expiresAt: expiresAt.getTime() };
      return pair.accessToken;
    } catch (error) {
      await this.recordFailure(error as Error);
      throw error;
    }
  }

  private async recordFailure(error: Error): Promise<void> {
    const transient = error instanceof ZaloNetworkError || (error instanceof ZaloApiError && error.kind === "retryable");
    if (transient) {
      this.logger.warn({ err: error.message }, "zalo token: refresh failed for now, will retry");
      return;
    }
    await this.db.oaToken.update({ where: { id: this.options.oaId }, data: { status: "failed", lastError: error.message.slice(0, 500) } });
    this.logger.error(
      { alert: "zalo_token_refresh_failed", err: error.message },
      "CẢNH BÁO: không làm mới được token Zalo OA. Quản trị OA cần cấp quyền lại và cập nhật ZALO_REFRESH_TOKEN.",
    );
  }

  private async takeLease(): Promise<boolean> {
    const now = new Date(this.now());
    const { count } = await this.db.oaToken.updateMany({
      where: { id: this.options.oaId, OR: [{ refreshLockUntil: null }, { refreshLockUntil: { lt: now } }] },
      data: { refreshLockUntil: new Date(this.now() + this.leaseMs) },
    });
    return count === 1;
  }

  private isDue(expiresAt: Date | number | null): boolean {
    if (expiresAt === null) return false;
    return (typeof expiresAt === "number" ? expiresAt : expiresAt.getTime()) - this.now() < this.options.refreshAheadMs;
  }

  private remember(sealed: string, expiresAt: Date | null): string {
    const token = this.open(sealed);
    this.cached = { token, expiresAt: expiresAt?.getTime() ?? null };
    return token;
  }

  /** Stores the initial grant from the environment once, and again whenever an operator replaces it. */
  private async ensureSeeded() {
    const { oaId, initialAccessToken, initialRefreshToken } = this.options;
    const row = await this.db.oaToken.findUnique({ where: { id: oaId } });
    const seedHash = initialRefreshToken ? createHash("sha256").update(initialRefreshToken).digest("hex") : null;
    if (row && (seedHash === null || row.seedHash === seedHash)) return row;
    if (!initialRefreshToken) throw new TokenRefreshError("zalo token: chưa có ZALO_REFRESH_TOKEN");
    const data = {
      accessTokenEnc: this.seal(initialAccessToken ?? ""),
      refreshTokenEnc: this.seal(initialRefreshToken),
      // Without an access token the first use must refresh; with one, its expiry is unknown.
      expiresAt: initialAccessToken ? null : new Date(0),
      status: "ok",
      lastError: null,
      seedHash,
      refreshLockUntil: null,
    };
    return this.db.oaToken.upsert({ where: { id: oaId }, create: { id: oaId, ...data }, update: data });
  }

  private seal(token: string): string {
    return encryptToken(token, this.options.encryptionKey);
  }

  private open(sealed: string): string {
    return decryptToken(sealed, this.options.encryptionKey);
  }
}
