const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Zalo: consultation messages are free for 48 h after the citizen's last interaction, billable to 7 days. */
export const FREE_WINDOW_MS = 48 * HOUR_MS;
export const REPLY_WINDOW_MS = 7 * DAY_MS;
/** Under this much time left the inbox shows the window in red. */
export const WINDOW_DANGER_MS = 6 * HOUR_MS;

export interface ReplyWindow {
  kind: "free" | "billable" | "closed";
  freeUntil: number;
  closesAt: number;
  remainingMs: number;
}

export function replyWindow(lastInteractionAt: number, now: number): ReplyWindow {
  const freeUntil = lastInteractionAt + FREE_WINDOW_MS;
  const closesAt = lastInteractionAt + REPLY_WINDOW_MS;
  const kind = now < freeUntil ? "free" : now < closesAt ? "billable" : "closed";
  return { kind, freeUntil, closesAt, remainingMs: Math.max(0, closesAt - now) };
}

/** Rounded down, so staff never see more time than there is. */
function formatLeft(ms: number): string {
  if (ms < 60_000) return "dưới 1 phút";
  if (ms < HOUR_MS) return `${Math.floor(ms / 60_000)} phút`;
  if (ms < 2 * DAY_MS) return `${Math.floor(ms / HOUR_MS)} giờ`;
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  return hours === 0 ? `${days} ngày` : `${days} ngày ${hours} giờ`;
}

export function describeWindow(w: ReplyWindow): string {
  if (w.kind === "closed") return "Đã quá 7 ngày: không gửi được tin tư vấn";
  if (w.kind === "billable") return `Tính phí, còn ${formatLeft(w.remainingMs)}`;
  const now = w.closesAt - w.remainingMs;
  return `Miễn phí, còn ${formatLeft(w.freeUntil - now)}`;
}

export function windowTone(w: ReplyWindow): "ok" | "warn" | "danger" {
  if (w.kind === "closed" || w.remainingMs < WINDOW_DANGER_MS) return "danger";
  return w.kind === "billable" ? "warn" : "ok";
}
