import { createHmac } from "node:crypto";

/**
 * Removes personal data from a citizen's text before it is stored for analytics or logged:
 * e-mail addresses, phone numbers, CCCD/CMND and other long id numbers, and names a citizen
 * introduces ("tôi tên là …"). Order matters: e-mails first, then phones, then bare numbers.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{N}])/gu;
const ID_NUMBER = /(?<![\p{N}])\d(?:[\s.-]?\d){8,11}(?![\p{N}])/gu;
const NAME_INTRO =
  /((?:tên|ten)\s+(?:(?:của\s+|cua\s+)?(?:tôi|toi|em|mình|minh|con|cháu|chau|anh|chị|chi|bố|bo|mẹ|me)\s+)?(?:là|la)\s+|(?:họ\s+(?:và\s+)?tên|ho\s+(?:va\s+)?ten)\s*:?\s*|(?:tôi|toi|em|mình|minh)\s+(?:là|la)\s+(?=\p{Lu}))((?:\p{Lu}[\p{L}]*\s*){1,5})/gu;

export function redactPersonalData(text: string): string {
  return text
    .normalize("NFC")
    .replace(EMAIL, "[email]")
    .replace(PHONE, "[số điện thoại]")
    .replace(ID_NUMBER, "[số giấy tờ]")
    .replace(NAME_INTRO, (_m, intro: string) => `${intro}[họ tên] `)
    .trim();
}

/** A stable pseudonym for a Zalo user: counts repeat askers without keeping who they are. */
export function userKey(userId: string, secret: string): string {
  return createHmac("sha256", secret).update(`zalo-user:${userId}`).digest("hex").slice(0, 32);
}
