import "dotenv/config";
import { createHash } from "node:crypto";
import { z } from "zod";

/** The only place that reads process.env. Everything else receives a Config. */

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const boolFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const number = (fallback: number) => z.coerce.number().finite().default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z.string().default("file:./data/app.db"),

  ZALO_APP_ID: optionalString,
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_ID: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_ACCESS_TOKEN: optionalString,
  ZALO_REFRESH_TOKEN: optionalString,
  ZALO_API_BASE_URL: z.string().url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE_URL: z.string().url().default("https://oauth.zaloapp.com"),
  ZALO_SIMULATOR: z.enum(["auto", "on", "off"]).default("auto"),
  WEBHOOK_STRICT_SIGNATURE: boolFlag,
  WEBHOOK_BODY_LIMIT: z.string().default("256kb"),
  ZALO_HTTP_TIMEOUT_MS: number(15_000),
  TOKEN_REFRESH_AHEAD_MINUTES: number(120),

  TOKEN_ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "phải là 64 ký tự hex (32 byte), ví dụ: openssl rand -hex 32")
    .optional(),
  SESSION_SECRET: optionalString,

  MATCH_ANSWER_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  MATCH_SUGGEST_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  MATCH_MARGIN: z.coerce.number().min(0).max(1).optional(),
  KNOWLEDGE_DIR: z.string().default("knowledge"),
  INTENTS_DIR: z.string().default("intents"),

  STAFF_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  STAFF_SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),

  PUBLIC_BASE_URL: z.string().url("phải là địa chỉ đầy đủ, ví dụ https://troly.example.gov.vn").optional(),
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  RAW_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).default(7),
  QUERY_TEXT_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  HANDOFF_SWEEP_SECONDS: z.coerce.number().min(0.2).default(15),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env["NODE_ENV"];
  port: number;
  host: string;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string;
  /** True when no real OA is configured: the local Zalo simulator stands in for Zalo. */
  simulator: boolean;
  zalo: {
    appId: string;
    appSecret: string;
    oaId: string;
    oaSecretKey: string;
    initialAccessToken?: string;
    initialRefreshToken?: string;
    apiBaseUrl: string;
    oauthBaseUrl: string;
    httpTimeoutMs: number;
    refreshAheadMs: number;
  };
  webhook: { strictSignature: boolean; bodyLimit: string };
  tokenEncryptionKey: Buffer;
  sessionSecret: string;
  match: { answer?: number; suggest?: number; margin?: number };
  knowledgeDir: string;
  intentsDir: string;
  staff: { sessionIdleMinutes: number; sessionMaxHours: number; loginMaxFailures: number; loginLockMinutes: number };
  /** Where citizens reach this server (links in messages, such as the privacy page). */
  publicBaseUrl: string;
  /** queryTextDays: after this the query log keeps its figures but not what the citizen wrote. */
  retention: { transcriptDays: number; rawEventDays: number; queryTextDays: number };
  /** How often queue timers run (release unanswered claims, round robin). */
  handoffSweepMs: number;
}

export class ConfigError extends Error {}

const SIMULATOR_APP = { appId: "1000000000000000001", oaId: "2000000000000000002" };

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Cấu hình không hợp lệ (xem .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const hasOa = Boolean(e.ZALO_APP_ID);
  const simulator = e.ZALO_SIMULATOR === "on" || (e.ZALO_SIMULATOR === "auto" && !hasOa);
  const production = e.NODE_ENV === "production";

  if (!simulator) {
    requireAll(e, ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_SECRET_KEY", "ZALO_REFRESH_TOKEN", "TOKEN_ENCRYPTION_KEY"]);
  }
  if (production) requireAll(e, ["TOKEN_ENCRYPTION_KEY", "SESSION_SECRET", "PUBLIC_BASE_URL"]);
  if (production && simulator) {
    throw new ConfigError("Cấu hình không hợp lệ: NODE_ENV=production cần một Zalo OA thật (ZALO_APP_ID …), không dùng trình giả lập.");
  }

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    simulator,
    zalo: {
      appId: e.ZALO_APP_ID ?? SIMULATOR_APP.appId,
      appSecret: e.ZALO_APP_SECRET ?? "simulator-app-secret",
      oaId: e.ZALO_OA_ID ?? SIMULATOR_APP.oaId,
      oaSecretKey: e.ZALO_OA_SECRET_KEY ?? "simulator-oa-secret-key",
      initialAccessToken: e.ZALO_ACCESS_TOKEN ?? (simulator ? "simulator-access-token" : undefined),
      initialRefreshToken: e.ZALO_REFRESH_TOKEN ?? (simulator ? "simulator-refresh-token" : undefined),
      apiBaseUrl: e.ZALO_API_BASE_URL,
      oauthBaseUrl: e.ZALO_OAUTH_BASE_URL,
      httpTimeoutMs: e.ZALO_HTTP_TIMEOUT_MS,
      refreshAheadMs: e.TOKEN_REFRESH_AHEAD_MINUTES * 60_000,
    },
    webhook: { strictSignature: e.WEBHOOK_STRICT_SIGNATURE, bodyLimit: e.WEBHOOK_BODY_LIMIT },
    // Only the simulator runs without a key; its tokens are fake, so a fixed key is harmless there.
    tokenEncryptionKey: e.TOKEN_ENCRYPTION_KEY
      ? Buffer.from(e.TOKEN_ENCRYPTION_KEY, "hex")
      : createHash("sha256").update("simulator-only-token-key").digest(),
    sessionSecret: e.SESSION_SECRET ?? "development-session-secret",
    match: { answer: e.MATCH_ANSWER_THRESHOLD, suggest: e.MATCH_SUGGEST_THRESHOLD, margin: e.MATCH_MARGIN },
    knowledgeDir: e.KNOWLEDGE_DIR,
    intentsDir: e.INTENTS_DIR,
    staff: {
      sessionIdleMinutes: e.STAFF_SESSION_IDLE_MINUTES,
      sessionMaxHours: e.STAFF_SESSION_MAX_HOURS,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    },
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    retention: { transcriptDays: e.TRANSCRIPT_RETENTION_DAYS, rawEventDays: e.RAW_EVENT_RETENTION_DAYS, queryTextDays: e.QUERY_TEXT_RETENTION_DAYS },
    handoffSweepMs: e.HANDOFF_SWEEP_SECONDS * 1000,
  };
}

function requireAll(e: Env, names: Array<keyof Env>): void {
  const missing = names.filter((n) => !e[n]);
  if (missing.length > 0) {
    throw new ConfigError(`Thiếu cấu hình bắt buộc: ${missing.join(", ")} (xem .env.example).`);
  }
}
