import type { Button, OutgoingMessage } from "../knowledge/message.js";
import type { OfficeCalendar } from "./calendar-schema.js";
import { formatOpening } from "./office-hours.js";
import type { HandoffReason } from "./state-machine.js";

/** What the citizen reads when a conversation is handed over, waits, and ends. */

const LEADS: Record<HandoffReason, string> = {
  asked: "Trợ lý đã chuyển yêu cầu của anh/chị tới cán bộ.",
  repeated_failure: "Xin lỗi anh/chị, Trợ lý chưa trả lời được câu hỏi này nên đã chuyển cho cán bộ.",
  not_helpful: "Xin lỗi vì câu trả lời chưa giúp được anh/chị. Trợ lý đã chuyển cho cán bộ.",
  entry_always: "Việc này cần cán bộ xem xét trực tiếp, Trợ lý đã chuyển cho cán bộ.",
  entry_offer_accepted: "Trợ lý đã chuyển yêu cầu của anh/chị tới cán bộ.",
  oa_manager: "",
};

export const RATING_UP = "Hài lòng với cán bộ 👍";
export const RATING_DOWN = "Chưa hài lòng 👎";

/** `lead` is the staff-editable first sentence (the ask-human and not-helpful intents' replies). */
export function acknowledgement(reason: HandoffReason, teamName: string, officeHours: string, nextOpening: number | null, outOfHours: boolean, lead?: string): OutgoingMessage {
  const who = `Cán bộ nhóm ${teamName} sẽ trả lời ngay trong cuộc trò chuyện này`;
  const when =
    outOfHours && nextOpening !== null
      ? `${who} từ ${formatOpening(nextOpening)} (hiện đang ngoài giờ làm việc).`
      : `${who}, thường trong ít phút (giờ làm việc: ${officeHours}).`;
  return { text: `${lead?.trim() || LEADS[reason]} ${when}\nTrong lúc chờ, anh/chị cứ nhắn thêm nội dung cần hỏi: cán bộ sẽ đọc được hết.` };
}

export function outOfHoursNotice(nextOpening: number): OutgoingMessage {
  return { text: `Hiện đang ngoài giờ làm việc. Cán bộ đã nhận được tin nhắn và sẽ trả lời anh/chị từ ${formatOpening(nextOpening)}.` };
}

export function closingMessage(): OutgoingMessage {
  const buttons: Button[] = [
    { kind: "query", title: RATING_UP, payload: RATING_UP },
    { kind: "query", title: RATING_DOWN, payload: RATING_DOWN },
  ];
  return {
    text: "Cán bộ đã kết thúc cuộc trò chuyện. Từ giờ Trợ lý sẽ tiếp tục trả lời anh/chị; cần gặp cán bộ lại, anh/chị bấm \"Gặp cán bộ\". Anh/chị thấy cán bộ hỗ trợ thế nào?",
    buttons,
  };
}

const WEEKDAY_NAMES = ["", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"];

const clock = (min: number): string => `${Math.floor(min / 60)}:${String(min % 60).padStart(2, "0")}`;

/** "7:30–11:30 và 13:30–17:00, thứ Hai đến thứ Sáu" from the calendar's weekly schedule. */
export function describeSchedule(cal: OfficeCalendar): string {
  const sessions = cal.sessions.map((s) => `${clock(s.startMin)}–${clock(s.endMin)}`).join(" và ");
  const days = [...cal.weekdays].sort((a, b) => a - b);
  const contiguous = days.every((d, i) => i === 0 || d === (days[i - 1] ?? 0) + 1);
  const dayText = contiguous && days.length > 2 ? `${WEEKDAY_NAMES[days[0] ?? 1]} đến ${WEEKDAY_NAMES[days.at(-1) ?? 5]}` : days.map((d) => WEEKDAY_NAMES[d]).join(", ");
  return `${sessions}, ${dayText}`;
}
