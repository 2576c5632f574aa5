import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildOfficeCalendar, parseOfficeCalendar, SAMPLE_OFFICE_SCHEDULE } from "../../src/handoff/calendar-schema.js";
import {
  addOfficeMs, formatOpening, isCalendarCovered, isOfficeOpen, localDay, nextOpening, officeMsBetween,
} from "../../src/handoff/office-hours.js";

/** An instant given as Vietnam wall-clock time. */
const vn = (local: string): number => Date.parse(`${local}:00+07:00`);
const HOUR = 3_600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;

const cal = parseOfficeCalendar(parse(readFileSync("knowledge/province.yaml", "utf8")) as Record<string, unknown>);
const plain = buildOfficeCalendar(SAMPLE_OFFICE_SCHEDULE, {});

describe("office hours", () => {
  it("is open on a weekday morning and afternoon, closed before, between and after the sessions", () => {
    expect(isOfficeOpen(cal, vn("2026-03-10T07:30"))).toBe(true);
    expect(isOfficeOpen(cal, vn("2026-03-10T16:59"))).toBe(true);
    expect(isOfficeOpen(cal, vn("2026-03-10T07:29"))).toBe(false);
    expect(isOfficeOpen(cal, vn("2026-03-10T12:15"))).toBe(false);
    expect(isOfficeOpen(cal, vn("2026-03-10T17:00"))).toBe(false);
  });

  it("reopens after the lunch break at 13:30 the same day", () => {
    expect(nextOpening(cal, vn("2026-03-10T11:30"))).toBe(vn("2026-03-10T13:30"));
  });

  it("returns the instant itself while the office is open", () => {
    expect(nextOpening(cal, vn("2026-03-10T09:12"))).toBe(vn("2026-03-10T09:12"));
  });

  it("sends a weekend message to Monday 7:30", () => {
    expect(isOfficeOpen(cal, vn("2026-03-14T09:00"))).toBe(false);
    expect(nextOpening(cal, vn("2026-03-13T17:05"))).toBe(vn("2026-03-16T07:30"));
  });

  it("crosses Tết 2026 to the first working day after it, Monday 23/02", () => {
    expect(nextOpening(cal, vn("2026-02-13T17:30"))).toBe(vn("2026-02-23T07:30"));
    expect(nextOpening(cal, vn("2026-02-18T10:00"))).toBe(vn("2026-02-23T07:30"));
  });

  it("opens on the swapped working Saturday 10/01/2026 and stays closed on the swapped Friday 02/01", () => {
    expect(isOfficeOpen(cal, vn("2026-01-10T08:00"))).toBe(true);
    expect(isOfficeOpen(cal, vn("2026-01-02T08:00"))).toBe(false);
    expect(nextOpening(cal, vn("2026-01-09T18:00"))).toBe(vn("2026-01-10T07:30"));
  });

  it("crosses the new year, skipping 01/01", () => {
    expect(nextOpening(cal, vn("2026-12-31T17:00"))).toBe(vn("2027-01-04T07:30"));
  });

  it("treats a Monday compensating for a holiday on Sunday as closed (Giỗ Tổ 2026)", () => {
    expect(nextOpening(cal, vn("2026-04-24T17:00"))).toBe(vn("2026-04-28T07:30"));
  });

  it("gives up clearly when no session falls within 60 days", () => {
    const mondays = Array.from({ length: 10 }, (_v, i) => ({ date: localDay(vn("2026-06-01T08:00") + i * 7 * DAY), name: "Nghỉ" }));
    const mondaysOnly = buildOfficeCalendar({ weekdays: [1], sessions: SAMPLE_OFFICE_SCHEDULE.sessions }, {
      2026: { holidays: mondays, working_days: [] },
    });
    expect(() => nextOpening(mondaysOnly, vn("2026-06-01T08:00"))).toThrow(/không có buổi nào trong 60 ngày/);
    expect(() => addOfficeMs(mondaysOnly, vn("2026-06-01T08:00"), MIN)).toThrow(/không có buổi nào trong 60 ngày/);
  });
});

describe("office time between two instants", () => {
  it("counts only office time across a night", () => {
    expect(officeMsBetween(cal, vn("2026-03-10T16:30"), vn("2026-03-11T08:00"))).toBe(60 * MIN);
  });

  it("counts nothing over a weekend", () => {
    expect(officeMsBetween(cal, vn("2026-03-13T16:50"), vn("2026-03-16T07:40"))).toBe(20 * MIN);
    expect(officeMsBetween(cal, vn("2026-03-14T08:00"), vn("2026-03-15T16:00"))).toBe(0);
  });

  it("skips the lunch break and counts a whole day as 7 h 30", () => {
    expect(officeMsBetween(cal, vn("2026-03-10T11:00"), vn("2026-03-10T14:00"))).toBe(60 * MIN);
    expect(officeMsBetween(cal, vn("2026-03-10T00:00"), vn("2026-03-11T00:00"))).toBe(7.5 * HOUR);
  });

  it("is zero when the end is not after the start", () => {
    expect(officeMsBetween(cal, vn("2026-03-10T10:00"), vn("2026-03-10T09:00"))).toBe(0);
  });
});

describe("adding office time", () => {
  it("moves across lunch, the night and the weekend", () => {
    expect(addOfficeMs(cal, vn("2026-03-10T11:00"), 45 * MIN)).toBe(vn("2026-03-10T13:45"));
    expect(addOfficeMs(cal, vn("2026-03-13T16:45"), 30 * MIN)).toBe(vn("2026-03-16T07:45"));
    expect(addOfficeMs(cal, vn("2026-03-14T10:00"), 10 * MIN)).toBe(vn("2026-03-16T07:40"));
  });

  it("ends exactly at a session end when the time runs out there", () => {
    expect(addOfficeMs(cal, vn("2026-03-10T11:00"), 30 * MIN)).toBe(vn("2026-03-10T11:30"));
  });

  it("crosses Tết and agrees with officeMsBetween", () => {
    const from = vn("2026-02-13T16:00");
    const at = addOfficeMs(cal, from, 2 * HOUR);
    expect(at).toBe(vn("2026-02-23T08:30"));
    expect(officeMsBetween(cal, from, at)).toBe(2 * HOUR);
  });

  it("returns the start for no time at all", () => {
    expect(addOfficeMs(cal, vn("2026-03-14T10:00"), 0)).toBe(vn("2026-03-14T10:00"));
  });
});

describe("local day and wording", () => {
  it("uses Vietnam's date, which starts at 17:00 UTC", () => {
    expect(localDay(Date.parse("2026-03-09T16:59:59Z"))).toBe("2026-03-09");
    expect(localDay(Date.parse("2026-03-09T17:00:00Z"))).toBe("2026-03-10");
  });

  it("formats an opening in natural Vietnamese", () => {
    expect(formatOpening(vn("2026-02-23T07:30"))).toBe("7:30 sáng thứ Hai, 23/02/2026");
    expect(formatOpening(vn("2026-10-02T13:30"))).toBe("13:30 chiều thứ Sáu, 02/10/2026");
    expect(formatOpening(vn("2026-03-15T11:05"))).toBe("11:05 trưa Chủ nhật, 15/03/2026");
  });

  it("knows which years the calendar covers", () => {
    expect(isCalendarCovered(cal, vn("2027-12-31T23:59"))).toBe(true);
    expect(isCalendarCovered(cal, vn("2028-01-01T00:00"))).toBe(false);
    expect(isCalendarCovered(plain, vn("2026-06-01T08:00"))).toBe(false);
  });

  it("still follows the weekly schedule in a year without data", () => {
    expect(nextOpening(plain, vn("2028-01-01T09:00"))).toBe(vn("2028-01-03T07:30"));
  });
});
