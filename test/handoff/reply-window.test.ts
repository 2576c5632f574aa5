import { describe, expect, it } from "vitest";
import { describeWindow, replyWindow, windowTone } from "../../src/handoff/reply-window.js";

const HOUR = 3_600_000;
const last = Date.parse("2026-03-10T08:00:00+07:00");
const after = (ms: number) => replyWindow(last, last + ms);

describe("Zalo reply window", () => {
  it("is free at 47 h, with 1 h of free time left", () => {
    const w = after(47 * HOUR);
    expect(w).toEqual({ kind: "free", freeUntil: last + 48 * HOUR, closesAt: last + 168 * HOUR, remainingMs: 121 * HOUR });
    expect(describeWindow(w)).toBe("Miễn phí, còn 1 giờ");
    expect(windowTone(w)).toBe("ok");
  });

  it("says how much free time is left soon after the citizen wrote", () => {
    expect(describeWindow(after(HOUR))).toBe("Miễn phí, còn 47 giờ");
    expect(describeWindow(after(48 * HOUR - 10 * 60_000))).toBe("Miễn phí, còn 10 phút");
  });

  it("is billable from 48 h on, counting down to the 7-day limit", () => {
    const w = after(49 * HOUR);
    expect(w.kind).toBe("billable");
    expect(w.remainingMs).toBe(119 * HOUR);
    expect(describeWindow(w)).toBe("Tính phí, còn 4 ngày 23 giờ");
    expect(describeWindow(after(72 * HOUR))).toBe("Tính phí, còn 4 ngày");
    expect(describeWindow(after(44 * HOUR + 48 * HOUR))).toBe("Tính phí, còn 3 ngày 4 giờ");
    expect(windowTone(w)).toBe("warn");
  });

  it("is amber with a day left at 6 days, red under 6 h", () => {
    const w = after(6 * 24 * HOUR);
    expect(describeWindow(w)).toBe("Tính phí, còn 24 giờ");
    expect(windowTone(w)).toBe("warn");
    expect(windowTone(after(162 * HOUR + 1))).toBe("danger");
  });

  it("is closed 7 days and 1 minute after the last interaction", () => {
    const w = after(7 * 24 * HOUR + 60_000);
    expect(w.kind).toBe("closed");
    expect(w.remainingMs).toBe(0);
    expect(describeWindow(w)).toBe("Đã quá 7 ngày: không gửi được tin tư vấn");
    expect(windowTone(w)).toBe("danger");
  });

  it("closes exactly at 7 days", () => {
    expect(after(7 * 24 * HOUR).kind).toBe("closed");
    expect(after(7 * 24 * HOUR - 1).kind).toBe("billable");
  });
});
