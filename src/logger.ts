import { pino, type Logger } from "pino";

export type { Logger };

/** Paths that may hold secrets or personal data; pino replaces them before anything is written. */
const REDACT = [
  "access_token", "refresh_token", "accessToken", "refreshToken", "secret_key", "token",
  "*.access_token", "*.refresh_token", "*.accessToken", "*.refreshToken", "*.secret_key",
  "headers.access_token", "headers.secret_key", "req.headers.authorization", "req.headers.cookie",
  "text", "*.text", "phone", "*.phone", "name", "*.name",
];

export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    redact: { paths: REDACT, censor: "[redacted]" },
    transport: options.pretty ? { target: "pino-pretty", options: { colorize: true, translateTime: "SYS:HH:MM:ss" } } : undefined,
  });
}
