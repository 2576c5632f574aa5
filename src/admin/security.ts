import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { CookieOptions, RequestHandler } from "express";
import helmet from "helmet";

/** No inline script or style anywhere; exported so other server-rendered pages (/privacy) reuse it. */
export const ADMIN_CSP_DIRECTIVES: Record<string, string[]> = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'"],
  "img-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  "base-uri": ["'none'"],
  "object-src": ["'none'"],
};

export const adminCsp = (): RequestHandler => helmet.contentSecurityPolicy({ useDefaults: false, directives: ADMIN_CSP_DIRECTIVES });

/** The CSP, and X-Frame-Options DENY for browsers that predate frame-ancestors. */
export const adminSecurityHeaders = (): RequestHandler[] => [adminCsp(), helmet.frameguard({ action: "deny" })];

export const noStore: RequestHandler = (_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
};

/** `__Host-` in production: the browser then refuses the cookie from any other host or without Secure. */
export function cookieNames(production: boolean): { session: string; loginCsrf: string } {
  const prefix = production ? "__Host-" : "";
  return { session: `${prefix}dvc_staff`, loginCsrf: `${prefix}dvc_login` };
}

export function cookieOptions(production: boolean, maxAgeMs?: number): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: production, path: "/", maxAge: maxAgeMs };
}

export const randomToken = (): string => randomBytes(32).toString("base64url");

/** Constant-time comparison of two tokens of any length. */
export function tokensEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string" || a.length === 0 || b.length === 0) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Only a path on this site's staff area, so a crafted ?next= cannot send anyone elsewhere. */
export function safeNext(next: unknown): string {
  if (typeof next !== "string" || !/^\/admin(?:[/?#]|$)/.test(next) || /[\\\s]/.test(next)) return "/admin";
  return next;
}
