/** How to react to a Zalo error code (errors arrive with HTTP 200 and `error != 0`). */
export type ZaloErrorClass = "retryable" | "auth" | "window" | "permanent";

const RETRYABLE = new Set([-32, -100]);
const AUTH = new Set([-216, -220, 216, -401, 401]);
const WINDOW = new Set([-213, -217, -227, -230, -232, -244]);

export function classifyZaloError(code: number, httpStatus = 200): ZaloErrorClass {
  if (httpStatus >= 500 || httpStatus === 429) return "retryable";
  if (RETRYABLE.has(code)) return "retryable";
  if (AUTH.has(code)) return "auth";
  if (WINDOW.has(code)) return "window";
  return "permanent";
}

export class ZaloApiError extends Error {
  readonly kind: ZaloErrorClass;
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(`Zalo ${code}: ${message}`);
    this.kind = classifyZaloError(code, httpStatus);
  }
}

/** A network failure or timeout: always worth another try. */
export class ZaloNetworkError extends Error {
  readonly kind = "retryable" as const;
}
