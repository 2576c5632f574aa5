import axios, { type AxiosInstance } from "axios";
import { keepAliveAgents } from "./http-agents.js";
import { ZaloApiError, ZaloNetworkError } from "./errors.js";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds; Zalo sends it as a string. */
  expiresIn: number;
}

/** OAuth v4 for an OA: exchange a (single-use, rotating) refresh token for a new pair. */
export class ZaloOAuthClient {
  private readonly http: AxiosInstance;

  constructor(
    baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    timeoutMs: number,
  ) {
    this.http = axios.create({ baseURL: baseUrl, timeout: timeoutMs, validateStatus: () => true, ...keepAliveAgents() });
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const form = new URLSearchParams({ app_id: this.appId, grant_type: "refresh_token", refresh_token: refreshToken });
    let response;
    try {
      response = await this.http.post("/v4/oa/access_token", form.toString(), {
        headers: { secret_key: this.appSecret, "Content-Type": "application/x-www-form-urlencoded" },
      });
    } catch (error) {
      throw new ZaloNetworkError(`OAuth request failed: ${(error as Error).message}`);
    }
    const body = (response.data ?? {}) as Record<string, unknown>;
    if (typeof body.access_token === "string" && typeof body.refresh_token === "string") {
      const expiresIn = Number(body.expires_in ?? 90000);
      return { accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn: Number.isFinite(expiresIn) ? expiresIn : 90000 };
    }
    const reason = [body.error_name, body.error_reason, body.error_description, body.message].find((v) => typeof v === "string");
    throw new ZaloApiError(Number(body.error ?? -1), String(reason ?? `HTTP ${response.status}`), response.status);
  }
}
