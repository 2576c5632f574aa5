import axios, { type AxiosInstance } from "axios";
import { keepAliveAgents } from "./http-agents.js";
import type { Button, OutgoingMessage } from "../../knowledge/message.js";
import { MAX_BUTTONS } from "../../knowledge/message.js";
import type { Logger } from "../../logger.js";
import { ZaloApiError, ZaloNetworkError } from "./errors.js";
import { splitText } from "./split-text.js";

export interface AccessTokens {
  getAccessToken(): Promise<string>;
  forceRefresh(failedToken: string): Promise<string>;
}

export interface ZaloClientOptions {
  baseUrl: string;
  timeoutMs: number;
  /** Attempts for retryable errors (-32, -100, 5xx, timeouts), including the first. */
  maxAttempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Our thin client for the OA customer-service message API. */
export class ZaloClient {
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly tokens: AccessTokens,
    private readonly logger: Logger,
    private readonly options: ZaloClientOptions,
  ) {
    this.http = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs, validateStatus: () => true, ...keepAliveAgents() });
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Sends one message (already within the size limit); returns Zalo's message id. */
  async send(userId: string, message: OutgoingMessage): Promise<string> {
    const body = toZaloBody(userId, message);
    const attempts = this.options.maxAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendWithAuthRetry(body);
      } catch (error) {
        const retryable = (error as { kind?: string }).kind === "retryable";
        if (!retryable || attempt >= attempts) throw error;
        const delay = (this.options.baseDelayMs ?? 300) * 2 ** (attempt - 1) * (0.5 + this.random());
        this.logger.warn({ attempt, delayMs: Math.round(delay), err: (error as Error).message }, "zalo send: retrying");
        await this.sleep(delay);
      }
    }
  }

  /** Auth errors: refresh once, retry once, never loop. */
  private async sendWithAuthRetry(body: unknown): Promise<string> {
    const token = await this.tokens.getAccessToken();
    try {
      return await this.post(body, token);
    } catch (error) {
      if (!(error instanceof ZaloApiError) || error.kind !== "auth") throw error;
      this.logger.warn({ code: error.code }, "zalo send: token rejected, refreshing once");
      return this.post(body, await this.tokens.forceRefresh(token));
    }
  }

  private async post(body: unknown, token: string): Promise<string> {
    let response;
    try {
      response = await this.http.post("/v3.0/oa/message/cs", body, {
        headers: { access_token: token, "Content-Type": "application/json" },
      });
    } catch (error) {
      throw new ZaloNetworkError(`zalo send failed: ${(error as Error).message}`);
    }
    const data = (response.data ?? {}) as { error?: number; message?: string; data?: { message_id?: string } };
    if (response.status >= 400) throw new ZaloApiError(Number(data.error ?? -1), data.message ?? `HTTP ${response.status}`, response.status);
    if (data.error !== 0) throw new ZaloApiError(Number(data.error ?? -1), data.message ?? "unknown error");
    return String(data.data?.message_id ?? "");
  }
}

/** One outgoing message may become several Zalo messages; buttons go with the last one. */
export function splitMessage(message: OutgoingMessage): OutgoingMessage[] {
  const parts = splitText(message.text);
  return parts.map((text, i) => (i === parts.length - 1 && message.buttons?.length ? { text, buttons: message.buttons } : { text }));
}

export function toZaloBody(userId: string, message: OutgoingMessage): unknown {
  const text = message.text.normalize("NFC");
  const buttons = (message.buttons ?? []).slice(0, MAX_BUTTONS).map(toZaloButton);
  return {
    recipient: { user_id: userId },
    message: buttons.length > 0 ? { text, attachment: { type: "template", payload: { buttons } } } : { text },
  };
}

function toZaloButton(button: Button): unknown {
  switch (button.kind) {
    case "query":
      return { title: button.title, type: "oa.query.show", payload: button.payload };
    case "url":
      return { title: button.title, type: "oa.open.url", payload: { url: button.url } };
    case "phone":
      return { title: button.title, type: "oa.open.phone", payload: { phone_code: button.phone } };
  }
}
