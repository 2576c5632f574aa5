import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Eta } from "eta";

export const VIEWS_DIR = path.join(import.meta.dirname, "views");
export const STATIC_DIR = path.join(import.meta.dirname, "static");

/** Templates escape every `<%= %>` (autoEscape); `<%~ %>` is only for already-rendered HTML (the layout's body, includes). `cache` off re-reads templates on every render, for editing them. */
export function createViewEngine(cache: boolean): (view: string, data: object) => string {
  const eta = new Eta({ views: VIEWS_DIR, cache, autoEscape: true });
  return (view, data) => eta.render(view, data);
}

/** A static file's URL with a content hash, so it can be cached for a year and still change on deploy. */
export function assetUrl(file: string): string {
  const hash = createHash("sha256").update(readFileSync(path.join(STATIC_DIR, file))).digest("hex").slice(0, 10);
  return `/admin/static/${file}?v=${hash}`;
}

const TIME_ZONE = "Asia/Ho_Chi_Minh";
const parts = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "02/12/2026 09:05": the order Vietnamese forms use (vi-VN's own short style puts the time first). */
function formatDateTime(d: Date): string {
  const p = Object.fromEntries(parts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Helpers the templates call; times are shown in Vietnam's time zone. */
export const viewHelpers = {
  formatTime: (d: Date | string | null | undefined): string => (d ? formatDateTime(new Date(d)) : ""),
  /** "2026-03-01" read as the start of that day in Vietnam (UTC+7, no daylight saving). */
  dayStart: (day: string): Date | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00+07:00`) : undefined),
};
