/** Vietnam keeps UTC+7 all year (no daylight saving): days and hours of the reports are Vietnam's. */
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "2026-11-30" for any instant of that day in Vietnam. */
export function vnDay(at: Date | number): string {
  return new Date(new Date(at).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function vnHour(at: Date | number): number {
  return new Date(new Date(at).getTime() + OFFSET_MS).getUTCHours();
}

/** The instant a Vietnam day starts. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

/** The day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday of the day's week. */
export function weekOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** "2026-Q4". */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The last day of a month ("2026-02" → "2026-02-28"). */
export function lastDayOf(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The days of a quarter ("2026-Q4" → 2026-10-01 … 2026-12-31). */
export function quarterDays(quarter: string): { from: string; to: string } {
  const [y, q] = [quarter.slice(0, 4), Number(quarter.slice(6))];
  const firstMonth = String((q - 1) * 3 + 1).padStart(2, "0");
  const lastMonth = String(q * 3).padStart(2, "0");
  return { from: `${y}-${firstMonth}-01`, to: lastDayOf(`${y}-${lastMonth}`) };
}

/** The quarter before ("2026-Q1" → "2025-Q4"). */
export function previousQuarter(quarter: string): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/** The first day of the month `n` months before the day's month ("2026-12-15", 11 → "2026-01-01"). */
export function monthStartBefore(day: string, n: number): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 - n;
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
