import { describe, expect, it } from "vitest";
import { computeSignature, verifySignature } from "../../src/channel/zalo/signature.js";

// Computed independently with Python: hashlib.sha256((app + body + ts + key).encode()).hexdigest()
const APP = "360846524940903967";
const BODY = '{"app_id":"360846524940903967","event_name":"user_send_text","timestamp":"1540363714987"}';
const TS = "1540363714987";
const KEY = "oa-secret-key-example";
const VECTOR = "54fb1b0a19b9b4c3ebf2cd86b99d871533f50a897c42a98a6333f0ba7d33bf51";

const verify = (header: string | undefined, rawBody = BODY, timestamp: string | undefined = TS) =>
  verifySignature({ appId: APP, oaSecretKey: KEY, rawBody, timestamp, header });

describe("webhook signature", () => {
  it("matches a known vector: plain SHA-256 of appId + raw body + timestamp + OA secret key", () => {
    expect(computeSignature(APP, BODY, TS, KEY)).toBe(VECTOR);
  });

  it("accepts the header with and without the mac= prefix, in any case", () => {
    expect(verify(`mac=${VECTOR}`)).toBe(true);
    expect(verify(VECTOR)).toBe(true);
    expect(verify(`MAC=${VECTOR.toUpperCase()}`)).toBe(true);
  });

  it("rejects a missing header, a wrong MAC, a changed body and a different timestamp", () => {
    expect(verify(undefined)).toBe(false);
    expect(verify(`mac=${"0".repeat(64)}`)).toBe(false);
    expect(verify(`mac=${VECTOR}`, BODY.replace("text", "image"))).toBe(false);
    expect(verify(`mac=${VECTOR}`, BODY, "1540363714988")).toBe(false);
    expect(verify(`mac=${VECTOR.slice(0, 10)}`)).toBe(false);
  });

  it("is not an HMAC and not keyed with the App Secret", () => {
    expect(verifySignature({ appId: APP, oaSecretKey: "app-secret", rawBody: BODY, timestamp: TS, header: VECTOR })).toBe(false);
  });
});
