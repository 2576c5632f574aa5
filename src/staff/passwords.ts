import { hash, verify, type Algorithm } from "@node-rs/argon2";

/** Algorithm.Argon2id: the package's enum is `const`, which isolatedModules cannot read. */
const ARGON2ID: Algorithm = 2;

export const MIN_PASSWORD_LENGTH = 12;
/** Bounds the work one login form can ask of argon2. */
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** A hash to verify against when the user does not exist, so the answer takes as long as for a real one. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword("dummy password that matches no account");
  return dummy;
}

/** The password rule; returns the Vietnamese reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Mật khẩu dài tối đa ${MAX_PASSWORD_LENGTH} ký tự.`;
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return "Mật khẩu không được trùng với tên đăng nhập.";
  return null;
}
