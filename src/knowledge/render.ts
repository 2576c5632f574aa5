import type { KnowledgeEntry } from "./entry-schema.js";
import { dayText } from "./expiry.js";
import type { Button, OutgoingMessage } from "./message.js";
import { provinceText, type Province } from "./province-schema.js";

/** Detail sections a citizen can open with a button under an answer. */
export const DETAIL_SECTIONS = {
  giayto: "Giấy tờ cần chuẩn bị",
  lephi: "Lệ phí, thời gian",
  cacbuoc: "Các bước thực hiện",
} as const;
export type DetailSection = keyof typeof DETAIL_SECTIONS;

export const HUMAN_BUTTON: Button = { kind: "query", title: "Gặp cán bộ", payload: "Gặp cán bộ" };

/** A citizen's 👍/👎 on an entry's answer; the payload names the entry by its title, as detail payloads do. */
export const ENTRY_RATING = { up: "👍 Hữu ích", down: "👎 Chưa đúng ý" } as const;
export type EntryRating = keyof typeof ENTRY_RATING;

/**
 * Zalo shows a tapped button's payload in the citizen's chat as if they typed it, so payloads are
 * plain sentences ("Giấy tờ cần chuẩn bị: Đăng ký khai sinh") that are parsed back by title
 * (titles are unique: kb:check enforces it).
 */
export function detailPayload(section: DetailSection, title: string): string {
  return `${DETAIL_SECTIONS[section]}: ${title}`;
}

export function ratingPayload(rating: EntryRating, title: string): string {
  return `${ENTRY_RATING[rating]}: ${title}`;
}

export function parseDetailPayload(text: string): { section: DetailSection; title: string } | null {
  const found = parseLabelled(text, DETAIL_SECTIONS);
  return found && { section: found.key, title: found.title };
}

export function parseRatingPayload(text: string): { rating: EntryRating; title: string } | null {
  const found = parseLabelled(text, ENTRY_RATING);
  return found && { rating: found.key, title: found.title };
}

/** "<label>: <title>" back to the label's key and the title. */
function parseLabelled<K extends string>(text: string, labels: Record<K, string>): { key: K; title: string } | null {
  const trimmed = text.normalize("NFC").trim();
  for (const key of Object.keys(labels) as K[]) {
    const prefix = `${labels[key]}: `;
    if (trimmed.startsWith(prefix)) return { key, title: trimmed.slice(prefix.length).trim() };
  }
  return null;
}

export class AnswerRenderer {
  constructor(private readonly province: Province) {}

  /** The short first reply, its source line, and buttons for the details. */
  answer(entry: KnowledgeEntry): OutgoingMessage {
    const review = entry.needs_review === false ? "" : "\n\nLưu ý: một số thông tin trong câu trả lời này đang chờ cán bộ rà soát lại.";
    return { text: `${this.fill(entry.answer)}${review}\n\n${sourceLine(entry)}`, buttons: this.buttons(entry) };
  }

  /** Past valid_until: the facts are not quoted as current; the citizen is offered a cán bộ. */
  expired(entry: KnowledgeEntry): OutgoingMessage {
    const what = entry.expiring_fact ? ` (${entry.expiring_fact})` : "";
    const until = entry.valid_until ? `, áp dụng đến ${dayText(entry.valid_until)}` : "";
    const text =
      `Thông tin về "${entry.title}"${what} có thể đã thay đổi${until} và đang chờ cán bộ cập nhật, nên Trợ lý chưa trả lời như thông tin hiện hành. ` +
      `Anh/chị bấm "Gặp cán bộ" hoặc trả lời "có" để được cán bộ hướng dẫn chính xác.`;
    const link = onlineLink(entry);
    return { text: `${text}\n\n${sourceLine(entry)}`, buttons: [HUMAN_BUTTON, ...(link ? [link] : [])] };
  }

  detail(entry: KnowledgeEntry, section: DetailSection): OutgoingMessage {
    const body = this.detailBody(entry, section);
    const text = body ?? `Mục "${entry.title}" chưa có phần ${DETAIL_SECTIONS[section].toLowerCase()}. Anh/chị có thể hỏi cán bộ để được hướng dẫn.`;
    return { text: `${DETAIL_SECTIONS[section]} — ${entry.title}\n\n${this.fill(text)}\n\n${sourceLine(entry)}`, buttons: this.buttons(entry, section) };
  }

  fill(text: string): string {
    return text.replace(/\{\{\s*province\.([a-z_]+)\s*\}\}/g, (_m, key: string) => provinceText(this.province, key));
  }

  private detailBody(entry: KnowledgeEntry, section: DetailSection): string | null {
    const p = entry.procedure;
    if (section === "giayto") return p ? numbered(p.documents) : null;
    if (section === "cacbuoc") {
      const steps = p?.steps ?? entry.steps;
      return steps && steps.length > 0 ? numbered(steps) : null;
    }
    if (!p) return null;
    return [
      `Lệ phí: ${p.fee}`,
      `Thời gian giải quyết: ${p.processing_time}`,
      `Cơ quan giải quyết: ${p.agency}`,
      `Cách nộp tiền: ${p.payment}`,
      `Nhận kết quả: ${p.result}`,
      `Nộp trực tuyến: ${onlineText(entry)}`,
    ].join("\n");
  }

  /**
   * Zalo shows at most 5 buttons: the details not shown yet and "Gặp cán bộ" always; then, where there is
   * room, the online link and the 👍/👎 pair, the link first under an answer and last under a detail
   * (the answer above carries it). An answer with all three details has no room for 👍/👎: they come with its details.
   */
  private buttons(entry: KnowledgeEntry, current?: DetailSection): Button[] {
    const sections: DetailSection[] = entry.procedure ? ["giayto", "lephi", "cacbuoc"] : entry.steps?.length ? ["cacbuoc"] : [];
    const details: Button[] = sections
      .filter((s) => s !== current)
      .map((s) => ({ kind: "query", title: DETAIL_SECTIONS[s], payload: detailPayload(s, entry.title) }));
    const link = onlineLink(entry);
    const rating: Button[] = (["up", "down"] as const).map((r) => ({ kind: "query", title: ENTRY_RATING[r], payload: ratingPayload(r, entry.title) }));
    const linked = link ? [link] : [];
    const extras: Button[] = [];
    for (const group of current ? [rating, linked] : [linked, rating]) if (details.length + extras.length + group.length < 5) extras.push(...group);
    return [...details, ...extras, HUMAN_BUTTON];
  }
}

function onlineLink(entry: KnowledgeEntry): Button | null {
  const online = entry.procedure?.online;
  if (online && online.mode !== "none" && online.url) return { kind: "url", title: "Nộp trực tuyến", url: online.url };
  const link = entry.links?.[0];
  return link ? { kind: "url", title: truncate(link.title, 30), url: link.url } : null;
}

function onlineText(entry: KnowledgeEntry): string {
  const online = entry.procedure?.online;
  if (!online) return "không có thông tin";
  const mode = { full: "toàn trình (làm hoàn toàn trên mạng)", partial: "một phần (nộp trên mạng, đến nhận hoặc bổ sung trực tiếp)", none: "chưa hỗ trợ, nộp trực tiếp" }[online.mode];
  return [mode, online.url, online.note].filter(Boolean).join(". ");
}

export function sourceLine(entry: KnowledgeEntry): string {
  const [y, m, d] = entry.verified_on.split("-");
  const [first, ...rest] = entry.sources;
  const more = rest.length > 0 ? ` và ${rest.length} nguồn khác` : "";
  return `Nguồn: ${truncate(first?.title ?? "", 90)}${more}. Kiểm tra ngày ${d}/${m}/${y}.`;
}

function numbered(items: string[]): string {
  return items.map((item, i) => `${i + 1}. ${item}`).join("\n");
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("").trimEnd()}…`;
}
