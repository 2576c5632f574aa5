import { describe, expect, it } from "vitest";
import { classifyZaloError } from "../../src/channel/zalo/errors.js";

describe("Zalo error classification", () => {
  it.each([-32, -100])("retries rate limits and transient errors (%i)", (code) => expect(classifyZaloError(code)).toBe("retryable"));
  it.each([500, 502, 503, 429])("retries HTTP %i", (status) => expect(classifyZaloError(-1, status)).toBe("retryable"));
  it.each([-216, -220])("refreshes the token on auth errors (%i)", (code) => expect(classifyZaloError(code)).toBe("auth"));
  it.each([-213, -217, -227, -230, -232, -244])("does not retry interaction-window errors (%i)", (code) =>
    expect(classifyZaloError(code)).toBe("window"));
  it.each([-201, -210, -233, -240, -248, -1])("treats everything else as permanent (%i)", (code) =>
    expect(classifyZaloError(code)).toBe("permanent"));
});
