import { isOfficeOpen, type OfficeCalendar } from "../handoff/office-hours.js";

/** A Handoff row, as the reports read it. */
export interface HandoffRow {
  createdAt: Date;
  teamId: number;
  topic: string | null;
  reason: string;
  rating: string | null;
  firstResponseAt: Date | null;
  closedAt: Date | null;
}

export const REASON_LABELS: Record<string, string> = {
  asked: "Người dân xin gặp cán bộ",
  repeated_failure: "Trợ lý không hiểu nhiều lần",
  not_helpful: "Câu trả lời chưa giúp được",
  entry_always: "Thủ tục luôn cần cán bộ",
  entry_offer_accepted: "Nhận lời gợi ý gặp cán bộ",
  oa_manager: "Cán bộ trả lời thẳng trên Zalo OA",
};

export interface Durations {
  handoffs: number;
  /** Median and 90th percentile, in minutes; null when nothing to measure. */
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
}

export interface TeamTimes extends Durations {
  teamId: number;
  officeHours: boolean;
}

/** Handovers by reason, largest first. */
export function reasons(rows: HandoffRow[]): { reason: string; n: number }[] {
  const by = new Map<string, number>();
  for (const r of rows) by.set(r.reason, (by.get(r.reason) ?? 0) + 1);
  return [...by].map(([reason, n]) => ({ reason, n })).sort((a, b) => b.n - a.n);
}

/** 👍 and 👎 that citizens gave the cán bộ's service at the end of a handover. */
export function ratings(rows: HandoffRow[]): { up: number; down: number; closed: number } {
  return {
    up: rows.filter((r) => r.rating === "up").length,
    down: rows.filter((r) => r.rating === "down").length,
    closed: rows.filter((r) => r.closedAt !== null).length,
  };
}

/** First-response and resolution times, by team and by whether the request came in office hours. */
export function responseTimes(rows: HandoffRow[], calendar: OfficeCalendar): TeamTimes[] {
  const groups = new Map<string, HandoffRow[]>();
  for (const r of rows) {
    const key = `${r.teamId}\t${isOfficeOpen(calendar, r.createdAt.getTime()) ? 1 : 0}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups]
    .map(([key, list]) => {
      const [team, office] = key.split("\t");
      return { teamId: Number(team), officeHours: office === "1", ...durations(list) };
    })
    .sort((a, b) => a.teamId - b.teamId || Number(b.officeHours) - Number(a.officeHours));
}

export function durations(rows: HandoffRow[]): Durations {
  const minutes = (to: Date | null, from: Date) => (to ? (to.getTime() - from.getTime()) / 60_000 : null);
  const first = rows.map((r) => minutes(r.firstResponseAt, r.createdAt)).filter((m): m is number => m !== null);
  const done = rows.map((r) => minutes(r.closedAt, r.createdAt)).filter((m): m is number => m !== null);
  return { handoffs: rows.length, firstResponseMedian: quantile(first, 0.5), firstResponseP90: quantile(first, 0.9), resolutionMedian: quantile(done, 0.5), resolutionP90: quantile(done, 0.9) };
}

/** Nearest-rank quantile, rounded to a tenth. */
export function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] as number;
  return Math.round(v * 10) / 10;
}
