import { z } from "zod";

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "giờ phải có dạng HH:MM");

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

const sessionSchema = z
  .object({ start: hhmm, end: hhmm })
  .refine((s) => minutesOf(s.start) < minutesOf(s.end), "giờ bắt đầu phải trước giờ kết thúc");

export const officeScheduleSchema = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  sessions: z
    .array(sessionSchema)
    .min(1)
    .refine(
      (list) => list.every((s, i) => i === 0 || minutesOf(list[i - 1]!.end) <= minutesOf(s.start)),
      "các buổi phải theo thứ tự và không chồng lên nhau",
    ),
});

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "ngày phải có dạng YYYY-MM-DD")
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "ngày không có thật");

const namedDay = z.object({ date: isoDate, name: z.string().min(1) });

const calendarYearSchema = z.object({
  holidays: z.array(namedDay).default([]),
  working_days: z.array(namedDay).default([]),
});

export const calendarSchema = z
  .record(z.string().regex(/^\d{4}$/, "năm phải có 4 chữ số"), calendarYearSchema)
  .superRefine((years, ctx) => {
    for (const [year, { holidays, working_days }] of Object.entries(years)) {
      const off = new Set(holidays.map((d) => d.date));
      for (const day of [...holidays, ...working_days]) {
        if (!day.date.startsWith(`${year}-`)) ctx.addIssue({ code: "custom", path: [year], message: `${day.date} không thuộc năm ${year}` });
      }
      for (const day of working_days) {
        if (off.has(day.date)) ctx.addIssue({ code: "custom", path: [year], message: `${day.date} vừa là ngày nghỉ vừa là ngày làm bù` });
      }
    }
  });

export type OfficeSchedule = z.infer<typeof officeScheduleSchema>;
export type CalendarData = z.infer<typeof calendarSchema>;

export const SAMPLE_OFFICE_SCHEDULE: OfficeSchedule = {
  weekdays: [1, 2, 3, 4, 5],
  sessions: [{ start: "07:30", end: "11:30" }, { start: "13:30", end: "17:00" }],
};

/** The calendar in the shape the clock arithmetic wants: minutes of the day, lookups by local date. */
export interface OfficeCalendar {
  weekdays: ReadonlySet<number>;
  sessions: ReadonlyArray<{ startMin: number; endMin: number }>;
  holidays: ReadonlyMap<string, string>;
  workingDays: ReadonlyMap<string, string>;
  years: ReadonlySet<number>;
}

export function buildOfficeCalendar(schedule: OfficeSchedule, calendar: CalendarData): OfficeCalendar {
  const years = Object.values(calendar);
  return {
    weekdays: new Set(schedule.weekdays),
    sessions: schedule.sessions.map((s) => ({ startMin: minutesOf(s.start), endMin: minutesOf(s.end) })),
    holidays: new Map(years.flatMap((y) => y.holidays.map((d) => [d.date, d.name] as const))),
    workingDays: new Map(years.flatMap((y) => y.working_days.map((d) => [d.date, d.name] as const))),
    years: new Set(Object.keys(calendar).map(Number)),
  };
}

function factValue(province: Record<string, unknown>, key: string): unknown {
  const fact = province[key];
  if (fact === undefined || fact === null) return undefined;
  if (typeof fact !== "object" || !("value" in fact)) throw malformed(key, "thiếu trường value");
  return fact.value ?? undefined;
}

function parseFact<T>(province: Record<string, unknown>, key: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, fallback: T): T {
  const value = factValue(province, key);
  if (value === undefined) return fallback;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw malformed(key, `${issue.path.join(".") || "value"}: ${issue.message}`);
}

function malformed(key: string, detail: string): Error {
  return new Error(`knowledge/province.yaml: mục "${key}" không hợp lệ (${detail}).`);
}

/**
 * Reads `office_schedule` and `calendar` from the loaded province facts. A missing (or still null)
 * schedule falls back to the sample hours; a missing calendar means no year is covered.
 */
export function parseOfficeCalendar(province: Record<string, unknown>): OfficeCalendar {
  const schedule = parseFact(province, "office_schedule", officeScheduleSchema, SAMPLE_OFFICE_SCHEDULE);
  const calendar = parseFact(province, "calendar", calendarSchema, {});
  return buildOfficeCalendar(schedule, calendar);
}
