import { describe, expect, it } from "vitest";
import { redactPersonalData, userKey } from "../../src/analytics/redact.js";

describe("redaction of personal data", () => {
  it.each([
    ["số cccd của tôi là 001203004567", "số cccd của tôi là [số giấy tờ]"],
    ["cmnd 121 456 789 bị mất", "cmnd [số giấy tờ] bị mất"],
    ["gọi em 0912345678 nhé", "gọi em [số điện thoại] nhé"],
    ["sdt +84 912 345 678", "sdt [số điện thoại]"],
    ["sđt 0912.345.678", "sđt [số điện thoại]"],
    ["mail nguyenvana@gmail.com", "mail [email]"],
  ])("redacts %s", (input, expected) => expect(redactPersonalData(input)).toBe(expected));

  it("redacts names a citizen introduces, with or without diacritics", () => {
    expect(redactPersonalData("Tôi tên là Nguyễn Văn An, muốn làm căn cước")).toBe("Tôi tên là [họ tên] , muốn làm căn cước");
    expect(redactPersonalData("ho ten: Tran Thi B cần hỏi")).not.toContain("Tran Thi B");
    expect(redactPersonalData("em là Lò Thị Mai ở Ba Bể")).not.toContain("Lò Thị Mai");
  });

  it("keeps what analysts need: the question, dates and small numbers", () => {
    const q = "làm khai sinh cho con sinh ngày 12/3/2025 mất bao nhiêu tiền, 2 bản sao";
    expect(redactPersonalData(q)).toBe(q);
  });

  it("gives a stable pseudonym that does not contain the Zalo id and depends on the secret", () => {
    const a = userKey("2468458835291979229", "s1");
    expect(a).toBe(userKey("2468458835291979229", "s1"));
    expect(a).not.toContain("2468458835291979229");
    expect(a).not.toBe(userKey("2468458835291979229", "s2"));
  });
});
