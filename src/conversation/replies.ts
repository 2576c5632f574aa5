import type { KnowledgeEntry } from "../knowledge/entry-schema.js";
import type { Button, OutgoingMessage } from "../knowledge/message.js";
import { HUMAN_BUTTON, truncate } from "../knowledge/render.js";
import type { Candidate } from "../matching/index.js";

/** The assistant's own messages (not knowledge answers): menus, choices, fallbacks. */

export function menuMessage(text: string, menuEntries: KnowledgeEntry[]): OutgoingMessage {
  const buttons: Button[] = menuEntries.slice(0, 4).map((e) => ({ kind: "query", title: truncate(e.title, 35), payload: e.title }));
  return { text: text || "Anh/chị cần hỏi về thủ tục nào ạ?", buttons: [...buttons, HUMAN_BUTTON] };
}

/** Choices; when the message is about a public matter no entry covers, it says so first and points to a cán bộ. */
export function suggestionsMessage(options: Candidate[], uncovered?: string): OutgoingMessage {
  const lines = options.map((o, i) => `${i + 1}. ${o.title}`);
  const lead = uncovered
    ? `Trợ lý chưa có hướng dẫn về ${uncovered}: việc này anh/chị nên hỏi cán bộ (bấm "Gặp cán bộ"). Nếu anh/chị cần một trong các thủ tục sau thì bấm chọn:`
    : "Trợ lý chưa chắc anh/chị hỏi về nội dung nào. Có phải là:";
  return {
    text: `${lead}\n${lines.join("\n")}\n\nAnh/chị bấm chọn hoặc gõ số ${options.map((_o, i) => i + 1).join(", ")}.`,
    buttons: [
      ...options.map((o, i): Button => ({ kind: "query", title: truncate(`${i + 1}. ${o.title}`, 35), payload: `${i + 1}. ${o.title}` })),
      HUMAN_BUTTON,
    ],
  };
}

/** A close sibling of the answer, offered after it. */
export function alternativesMessage(options: Candidate[]): OutgoingMessage {
  const names = options.map((o) => `"${o.title}"`).join(" hoặc ");
  return {
    text: `Có phải anh/chị hỏi: ${names}?`,
    buttons: options.map((o): Button => ({ kind: "query", title: truncate(o.title, 35), payload: o.title })),
  };
}

export function fallbackMessage(nationalPortalUrl: string, lead?: string): OutgoingMessage {
  const text =
    lead ||
    "Xin lỗi, Trợ lý chưa tìm được câu trả lời chắc chắn cho câu hỏi này. Anh/chị có thể hỏi lại ngắn gọn hơn (ví dụ: \"làm căn cước cần giấy tờ gì\"), xem danh mục, tra cứu trên Cổng Dịch vụ công quốc gia, hoặc gặp cán bộ để được hỗ trợ.";
  return {
    text,
    buttons: [
      { kind: "query", title: "Danh mục câu hỏi", payload: "Danh mục" },
      { kind: "url", title: "Cổng Dịch vụ công", url: nationalPortalUrl },
      HUMAN_BUTTON,
    ],
  };
}

/** Honest about what the assistant does not cover, and offers a person. */
export function outOfScopeMessage(subject: string | undefined): OutgoingMessage {
  const about = subject ? `về ${subject} ` : "";
  return {
    text: `Câu hỏi ${about}nằm ngoài phạm vi Trợ lý hỗ trợ: Trợ lý chỉ hướng dẫn thủ tục hành chính và dịch vụ công trực tuyến (căn cước, VNeID, hộ tịch, cư trú, đất đai, bảo hiểm, nộp hồ sơ và lệ phí trên mạng…). Nếu việc này liên quan đến cơ quan nhà nước, anh/chị bấm "Gặp cán bộ" để được hướng dẫn.`,
    buttons: [{ kind: "query", title: "Danh mục câu hỏi", payload: "Danh mục" }, HUMAN_BUTTON],
  };
}

/** After a 👍: thanks. After a 👎: an apology, another way to ask, and a cán bộ ("có" hands over). */
export function entryRatedMessage(rating: "up" | "down", title: string): OutgoingMessage {
  if (rating === "up") return { text: "Cảm ơn anh/chị đã cho biết câu trả lời có ích. Cần hỏi thêm, anh/chị cứ nhắn cho Trợ lý.", buttons: [{ kind: "query", title: "Danh mục câu hỏi", payload: "Danh mục" }] };
  return {
    text: `Xin lỗi vì câu trả lời về "${title}" chưa đúng ý anh/chị. Cán bộ sẽ xem lại nội dung này. Anh/chị có thể hỏi lại bằng cách khác, hoặc bấm "Gặp cán bộ" hay trả lời "có" để được cán bộ hỗ trợ.`,
    buttons: [HUMAN_BUTTON, { kind: "query", title: "Danh mục câu hỏi", payload: "Danh mục" }],
  };
}

export function nonTextMessage(): OutgoingMessage {
  return {
    text: "Trợ lý hiện mới đọc được tin nhắn chữ. Anh/chị vui lòng gõ câu hỏi (có dấu hoặc không dấu đều được), hoặc bấm \"Gặp cán bộ\" nếu cần gửi giấy tờ cho cán bộ xem.",
    buttons: [HUMAN_BUTTON],
  };
}

export const OFFER_HANDOFF_LINE = "\n\nViệc này có thể cần cán bộ xem trực tiếp: anh/chị bấm \"Gặp cán bộ\" hoặc trả lời \"có\" để được chuyển.";

export function privacyNotice(privacyUrl: string): string {
  return `\n\nTrợ lý lưu câu hỏi (đã che số giấy tờ, số điện thoại) để trả lời và cải thiện dịch vụ. Xem cách dữ liệu được dùng và cách yêu cầu xoá: ${privacyUrl}`;
}

/** Adds a line to the text of the first message of a reply. */
export function withLine(replies: OutgoingMessage[], line: string): OutgoingMessage[] {
  const [first, ...rest] = replies;
  return first ? [{ ...first, text: `${first.text}${line}` }, ...rest] : replies;
}
