import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** AES-256-GCM for OA tokens at rest: "v1:" + base64(iv | tag | ciphertext). */
export function encryptToken(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64")}`;
}

export function decryptToken(sealed: string, key: Buffer): string {
  if (!sealed.startsWith("v1:")) throw new Error("token ciphertext has an unknown format");
  const raw = Buffer.from(sealed.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
