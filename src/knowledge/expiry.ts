import type { KnowledgeEntry } from "./entry-schema.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Today's date in Vietnam (UTC+7, no daylight saving), YYYY-MM-DD. */
export function vietnamDay(now: number, plusDays = 0): string {
  return new Date(now + VIETNAM_OFFSET_MS + plusDays * DAY_MS).toISOString().slice(0, 10);
}

/** valid_until is the last day the facts hold: from the next day they are no longer quoted as current. */
export function isExpired(entry: Pick<KnowledgeEntry, "valid_until">, now: number): boolean {
  return entry.valid_until !== undefined && entry.valid_until < vietnamDay(now);
}

export function expiresWithin(entry: Pick<KnowledgeEntry, "valid_until">, now: number, days: number): boolean {
  return entry.valid_until !== undefined && !isExpired(entry, now) && entry.valid_until <= vietnamDay(now, days);
}

export function reviewDue(entry: Pick<KnowledgeEntry, "review_by">, now: number): boolean {
  return entry.review_by !== undefined && entry.review_by <= vietnamDay(now);
}

/** "31/12/2026" */
export function dayText(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}
