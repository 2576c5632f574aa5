import { createHash, timingSafeEqual } from "node:crypto";

/** Zalo's webhook MAC: plain SHA-256 (not HMAC) over appId + raw body + body timestamp + OA secret key. */
export function computeSignature(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256").update(appId + rawBody + timestamp + oaSecretKey, "utf8").digest("hex");
}

/** Accepts the header with or without the `mac=` prefix; compares in constant time. */
export function verifySignature(args: {
  appId: string;
  oaSecretKey: string;
  rawBody: string;
  timestamp: string | undefined;
  header: string | undefined;
}): boolean {
  if (!args.header || !args.timestamp) return false;
  const received = args.header.trim().replace(/^mac=/i, "").toLowerCase();
  const expected = computeSignature(args.appId, args.rawBody, args.timestamp, args.oaSecretKey);
  const a = Buffer.from(received, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

export function signatureHeader(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${computeSignature(appId, rawBody, timestamp, oaSecretKey)}`;
}
