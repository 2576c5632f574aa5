import type { OfficeCalendar } from "./calendar-schema.js";

export type { OfficeCalendar };

// Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact.
const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** No real calendar closes the office this long; a longer gap means the data is broken. */
const MAX_CLOSED_DAYS = 60;

const WEEKDAY_NAMES = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];

/** Days since 1970-01-01 on the Vietnamese wall calendar. */
const dayIndexOf = (at: number): number => Math.floor((at + OFFSET_MS) / DAY_MS);
const dayStart = (dayIndex: number): number => dayIndex * DAY_MS - OFFSET_MS;
const isoOf = (dayIndex: number): string => new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday; 1970-01-01 was a Thursday. */
const weekdayOf = (dayIndex: number): number => ((((dayIndex + 3) % 7) + 7) % 7) + 1;

function isWorkingDay(cal: OfficeCalendar, dayIndex: number): boolean {
  const iso = isoOf(dayIndex);
  if (cal.workingDays.has(iso)) return true;
  return cal.weekdays.has(weekdayOf(dayIndex)) && !cal.holidays.has(iso);
}

/** The office sessions of one local day as [start, end) instants; none on a day off. */
function sessionsOn(cal: OfficeCalendar, dayIndex: number): Array<[number, number]> {
  if (!isWorkingDay(cal, dayIndex)) return [];
  const base = dayStart(dayIndex);
  return cal.sessions.map((s) => [base + s.startMin * MINUTE_MS, base + s.endMin * MINUTE_MS]);
}

export function localDay(at: number): string {
  return isoOf(dayIndexOf(at));
}

export function isOfficeOpen(cal: OfficeCalendar, at: number): boolean {
  return sessionsOn(cal, dayIndexOf(at)).some(([start, end]) => start <= at && at < end);
}

export function nextOpening(cal: OfficeCalendar, at: number): number {
  const first = dayIndexOf(at);
  for (let day = first; day <= first + MAX_CLOSED_DAYS; day++) {
    const session = sessionsOn(cal, day).find(([, end]) => end > at);
    if (session) return Math.max(at, session[0]);
  }
  throw new Error(`Lịch làm việc không có buổi nào trong ${MAX_CLOSED_DAYS} ngày kể từ ${localDay(at)}.`);
}

export function officeMsBetween(cal: OfficeCalendar, from: number, to: number): number {
  let total = 0;
  for (let day = dayIndexOf(from); day <= dayIndexOf(to); day++) {
    for (const [start, end] of sessionsOn(cal, day)) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

export function addOfficeMs(cal: OfficeCalendar, from: number, ms: number): number {
  let left = ms;
  let lastOpenDay = dayIndexOf(from);
  for (let day = lastOpenDay; left > 0; day++) {
    if (day - lastOpenDay > MAX_CLOSED_DAYS) throw new Error(`Lịch làm việc không có buổi nào trong ${MAX_CLOSED_DAYS} ngày kể từ ${isoOf(lastOpenDay)}.`);
    for (const [start, end] of sessionsOn(cal, day)) {
      const usable = Math.max(0, end - Math.max(start, from));
      if (usable === 0) continue;
      lastOpenDay = day;
      if (left <= usable) return Math.max(start, from) + left;
      left -= usable;
    }
  }
  return from;
}

export function isCalendarCovered(cal: OfficeCalendar, at: number): boolean {
  return cal.years.has(Number(localDay(at).slice(0, 4)));
}

function partOfDay(hour: number): string {
  if (hour < 4) return "đêm";
  if (hour < 11) return "sáng";
  if (hour < 13) return "trưa";
  if (hour < 18) return "chiều";
  return "tối";
}

/** "7:30 sáng thứ Hai, 23/02/2026" in Vietnam time. */
export function formatOpening(at: number): string {
  const local = new Date(at + OFFSET_MS);
  const hour = local.getUTCHours();
  const minute = String(local.getUTCMinutes()).padStart(2, "0");
  const [year, month, day] = localDay(at).split("-");
  const weekday = WEEKDAY_NAMES[local.getUTCDay()];
  return `${hour}:${minute} ${partOfDay(hour)} ${weekday}, ${day}/${month}/${year}`;
}
