import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseOfficeCalendar } from "../../src/handoff/calendar-schema.js";
import { provinceSchema } from "../../src/knowledge/province-schema.js";

const bundled = () => provinceSchema.parse(parse(readFileSync("knowledge/province.yaml", "utf8"))) as Record<string, unknown>;

const schedule = { weekdays: [1, 2, 3, 4, 5], sessions: [{ start: "07:30", end: "11:30" }] };
const fact = (value: unknown) => ({ value, source: "thử" });

describe("office calendar parsing", () => {
  it("reads the bundled province schedule and the 2026 and 2027 calendars", () => {
    const cal = parseOfficeCalendar(bundled());
    expect([...cal.weekdays]).toEqual([1, 2, 3, 4, 5]);
    expect(cal.sessions).toEqual([{ startMin: 450, endMin: 690 }, { startMin: 810, endMin: 1020 }]);
    expect([...cal.years]).toEqual([2026, 2027]);
    expect(cal.holidays.get("2026-02-17")).toBe("Tết Nguyên đán (mùng 1)");
    expect(cal.workingDays.has("2026-01-10")).toBe(true);
  });

  it("gives the legal number of days off in the bundled data", () => {
    const cal = parseOfficeCalendar(bundled());
    const weekdaysOff = (year: string) =>
      [...cal.holidays.keys()].filter((d) => d.startsWith(year) && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
    // 11 days of Điều 112, plus the swapped Friday 02/01/2026 that is worked back on 10/01.
    expect(weekdaysOff("2026")).toHaveLength(12);
    expect(weekdaysOff("2027")).toHaveLength(11);
  });

  it("falls back to the sample hours when office_schedule is missing or still a placeholder", () => {
    const sample = [{ startMin: 450, endMin: 690 }, { startMin: 810, endMin: 1020 }];
    expect(parseOfficeCalendar({}).sessions).toEqual(sample);
    expect(parseOfficeCalendar({ office_schedule: { value: null, placeholder: "giờ làm việc" } }).sessions).toEqual(sample);
    expect(parseOfficeCalendar({}).years.size).toBe(0);
  });

  it("names the key when the schedule is malformed", () => {
    const bad = { office_schedule: fact({ weekdays: [8], sessions: schedule.sessions }) };
    expect(() => parseOfficeCalendar(bad)).toThrow(/mục "office_schedule" không hợp lệ \(weekdays\.0/);
    const reversed = { office_schedule: fact({ weekdays: [1], sessions: [{ start: "11:30", end: "07:30" }] }) };
    expect(() => parseOfficeCalendar(reversed)).toThrow(/giờ bắt đầu phải trước giờ kết thúc/);
  });

  it("refuses impossible dates, dates in the wrong year and a day both off and worked", () => {
    const calendarOf = (year: object) => ({ office_schedule: fact(schedule), calendar: fact({ 2026: year }) });
    expect(() => parseOfficeCalendar(calendarOf({ holidays: [{ date: "2026-02-30", name: "x" }] }))).toThrow(/"calendar".*ngày không có thật/);
    expect(() => parseOfficeCalendar(calendarOf({ holidays: [{ date: "2027-01-01", name: "x" }] }))).toThrow(/không thuộc năm 2026/);
    const both = { holidays: [{ date: "2026-01-03", name: "x" }], working_days: [{ date: "2026-01-03", name: "y" }] };
    expect(() => parseOfficeCalendar(calendarOf(both))).toThrow(/vừa là ngày nghỉ vừa là ngày làm bù/);
  });
});
