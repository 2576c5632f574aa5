import { describe, expect, it } from "vitest";
import { suggestGaps } from "../../src/analytics/gaps.js";
import { evidenceOf, placeOf } from "../../src/analytics/national-index.js";
import { ruleInput } from "../../src/analytics/text-rules.js";

const gaps = (text: string, topic: string | null = null, band = "answer") => suggestGaps(ruleInput(text, topic, band));

describe("service gap rules", () => {
  it.each([
    ["thanh toan khong duoc, bi tru tien roi", "online-payment"],
    ["Hồ sơ của em đến đâu rồi, sao chưa cập nhật", "dossier-status"],
    ["quên mật khẩu VNeID thì làm sao", "account"],
    ["sao lại phải nộp lại bản sao công chứng", "resubmit"],
    ["sau sáp nhập thì nộp ở đâu bây giờ", "wrong-agency"],
    ["nhà em không có mạng, sóng yếu", "connectivity"],
    ["có ai nói tiếng Mông không", "language"],
    ["bà em già rồi không biết dùng điện thoại, cần người hướng dẫn", "in-person"],
    ["thủ tục này vẫn phải lên trực tiếp à", "not-online"],
  ])("labels %s as %s", (text, gap) => expect(gaps(text)).toContain(gap));

  it("uses the topic when the citizen says something went wrong or the assistant did not understand", () => {
    expect(gaps("thanh toán trên cổng bị lỗi", "thanh-toan-truc-tuyen")).toContain("online-payment");
    expect(gaps("vneid của tôi", "vneid", "fallback")).toContain("account");
    expect(gaps("cách cài vneid", "vneid", "answer")).toEqual([]);
    expect(gaps("thanh toán lệ phí bị lỗi")).toEqual(["online-payment"]);
    expect(gaps("đăng nhập vneid mãi không được")).toContain("account");
    expect(gaps("lệ phí thanh toán bằng thẻ gì")).toEqual([]);
  });

  it("suggests nothing for an ordinary question", () => {
    expect(gaps("làm giấy khai sinh cần gì", "khai-sinh")).toEqual([]);
    expect(gaps("lệ phí làm hộ chiếu", "ho-chieu", "suggest")).toEqual([]);
    expect(gaps("có ai làm hộ em hồ sơ này không")).toContain("in-person");
  });
});

describe("evidence for the national index", () => {
  it("finds online payment, online submission, complaints", () => {
    expect(evidenceOf(ruleInput("thanh toán lệ phí bị lỗi", null, "answer"))).toEqual(expect.arrayContaining(["payment-question", "payment-failure"]));
    expect(evidenceOf(ruleInput("nộp trực tuyến không được", null, "answer"))).toEqual(expect.arrayContaining(["online-question", "online-problem"]));
    expect(evidenceOf(ruleInput("tôi muốn phản ánh thái độ cán bộ", null, "answer"))).toContain("complaint");
  });

  it("reads the commune or ward a question names", () => {
    expect(placeOf("hồ sơ nộp ở xã Tân Sơn chưa có kết quả")).toBe("Xã Tân Sơn");
    expect(placeOf("phường đức xuân có làm thứ bảy không")).toBe("Phường Đức Xuân");
    expect(placeOf("xã có làm thứ bảy không")).toBeNull();
    expect(placeOf("làm căn cước ở đâu")).toBeNull();
  });
});
