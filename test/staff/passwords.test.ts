import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "../../src/staff/passwords.js";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("một câu mật khẩu dài");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "một câu mật khẩu dài")).toBe(true);
    expect(await verifyPassword(hash, "một câu mật khẩu sai")).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch, not a crash", async () => {
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });

  it("refuses short passwords and the username, in Vietnamese", () => {
    expect(passwordProblem("ngan", "lan")).toMatch(/ít nhất 12 ký tự/);
    expect(passwordProblem("Nguyen.Van.An", "nguyen.van.an")).toMatch(/trùng với tên đăng nhập/);
    expect(passwordProblem("hoa sen nở giữa hồ", "lan")).toBeNull();
  });
});
