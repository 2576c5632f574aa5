import * as fig from "./figures.js";
import { reasons, ratings, REASON_LABELS, responseTimes, type HandoffRow } from "./handoff-figures.js";
import type { OfficeCalendar } from "../handoff/office-hours.js";
import type { QuestionGroup } from "./question-groups.js";
import type { DailyFact } from "./rollup.js";
import { minutes, ms, periodLabel, share, type ReportTable } from "./report-table.js";

export interface Labels {
  topic: (id: string) => string;
  entry: (id: string) => string;
  team: (id: number) => string;
}

export interface UsageInput {
  facts: DailyFact[];
  handoffs: HandoffRow[];
  groups: QuestionGroup[];
  period: "day" | "week" | "month";
  calendar: OfficeCalendar;
  labels: Labels;
}

const WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];
const PERIOD_NAMES = { day: "ngày", week: "tuần", month: "tháng" };

export const CONTAINMENT_DEFINITION =
  "Nhóm được xét: mọi câu hỏi Trợ lý trả lời ngay. Một câu hỏi được tính là giải quyết xong khi trong 24 giờ sau đó người dân không được chuyển sang cán bộ và không hỏi lại về cùng chủ đề. Chỉ tính những ngày đã qua đủ 24 giờ.";

/** The usage reports, in the order the page shows them. */
export function usageTables(u: UsageInput): ReportTable[] {
  return [volumeTable(u), sharesTable(u), citizensTable(u), hoursTable(u), weekdaysTable(u), topicsTable(u), entriesTable(u), entryRatingsTable(u), questionsTable(u), handoffTable(u), ratingTable(u), timesTable(u), latencyTable(u)];
}

function volumeTable(u: UsageInput): ReportTable {
  const rows = fig.volume(u.facts, u.period).map((r) => [periodLabel(r.period), r.questions, r.answer, r.suggest, r.fallback]);
  return { id: "volume", title: `Số câu hỏi theo ${PERIOD_NAMES[u.period]}`, columns: [u.period === "day" ? "Ngày" : u.period === "week" ? "Tuần bắt đầu" : "Tháng", "Câu hỏi", "Trả lời ngay", "Gợi ý", "Chưa hiểu"], rows, chart: { type: "line", column: 1 } };
}

function sharesTable(u: UsageInput): ReportTable {
  const s = fig.bandShares(u.facts);
  const a = fig.acceptance(u.facts);
  const c = fig.containment(u.facts);
  return {
    id: "shares",
    title: "Trợ lý trả lời thế nào",
    note: CONTAINMENT_DEFINITION,
    columns: ["Chỉ số", "Số lượng", "Tỉ lệ"],
    rows: [
      ["Trả lời ngay", s.answer, share(s.answer, s.questions)],
      ["Đưa gợi ý để chọn", s.suggest, share(s.suggest, s.questions)],
      ["Chưa hiểu câu hỏi", s.fallback, share(s.fallback, s.questions)],
      ["Gợi ý được người dân chọn", a.chosen, share(a.chosen, a.offered)],
      ["Giải quyết xong không cần cán bộ (trên nhóm được xét)", c.contained, share(c.contained, c.cohort)],
    ],
  };
}

function citizensTable(u: UsageInput): ReportTable {
  const c = fig.citizens(u.facts);
  return {
    id: "citizens",
    title: "Người hỏi mới và người hỏi lại",
    note: "Người hỏi mới: lần đầu hỏi Trợ lý trong ngày đó. Người hỏi lại được đếm mỗi ngày họ quay lại.",
    columns: ["Nhóm", "Số lượng"],
    rows: [["Người hỏi lần đầu", c.newCitizens], ["Lượt người hỏi lại (theo ngày)", c.returningDays]],
    chart: { type: "bar", column: 1 },
  };
}

function hoursTable(u: UsageInput): ReportTable {
  const { byHour } = fig.load(u.facts);
  return { id: "hours", title: "Câu hỏi theo giờ trong ngày (giờ Việt Nam)", columns: ["Giờ", "Câu hỏi"], rows: byHour.map((n, h) => [`${String(h).padStart(2, "0")}:00`, n]), chart: { type: "bar", column: 1 } };
}

function weekdaysTable(u: UsageInput): ReportTable {
  const { byWeekday } = fig.load(u.facts);
  return { id: "weekdays", title: "Câu hỏi theo thứ trong tuần", columns: ["Thứ", "Câu hỏi"], rows: byWeekday.map((n, d) => [WEEKDAYS[d] as string, n]), chart: { type: "bar", column: 1 } };
}

function topicsTable(u: UsageInput): ReportTable {
  const rows = fig.byTopic(u.facts).map((r) => [r.topic ? u.labels.topic(r.topic) : "Chưa rõ chủ đề", r.questions, share(r.answer, r.questions), share(r.suggest, r.questions), share(r.fallback, r.questions)]);
  return { id: "topics", title: "Câu hỏi theo chủ đề", columns: ["Chủ đề", "Câu hỏi", "Trả lời ngay", "Gợi ý", "Chưa hiểu"], rows, chart: { type: "bar", column: 1 } };
}

function entriesTable(u: UsageInput): ReportTable {
  const rows = fig.ranking(u.facts, "entry").map((r) => [u.labels.entry(r.key), r.n]);
  return { id: "entries", title: "Mục trả lời được dùng nhiều nhất", columns: ["Mục", "Số lần trả lời"], rows };
}

function entryRatingsTable(u: UsageInput): ReportTable {
  const rows = fig.entryRatings(u.facts).map((r) => [u.labels.entry(r.entry), r.up, r.down, share(r.up, r.up + r.down)]);
  return {
    id: "entry-ratings",
    title: "Người dân đánh giá câu trả lời",
    note: "Người dân bấm nút \"Hữu ích\" hoặc \"Chưa đúng ý\" dưới câu trả lời hay phần chi tiết của một mục. Mục có nhiều lượt \"Chưa đúng ý\" nên được cán bộ xem lại trước.",
    columns: ["Mục", "Hữu ích", "Chưa đúng ý", "Tỉ lệ hữu ích"],
    rows,
  };
}

function questionsTable(u: UsageInput): ReportTable {
  const rows = u.groups.slice(0, 20).map((g) => [g.label, g.count, g.citizens, g.examples.slice(1).join(" · ")]);
  return {
    id: "questions",
    title: "Câu hỏi hay gặp",
    note: "Các câu hỏi giống nhau (không phân biệt dấu, viết tắt) được gộp thành nhóm; chỉ hiện nhóm và cách hỏi có từ 3 người dân trở lên. Tính trên tối đa 20.000 câu hỏi gần nhất trong khoảng thời gian.",
    columns: ["Câu hỏi", "Số lần hỏi", "Số người hỏi", "Cách hỏi khác"],
    rows,
  };
}

function handoffTable(u: UsageInput): ReportTable {
  const questions = fig.bandShares(u.facts).questions;
  const rows: (string | number)[][] = [["Tổng số lần chuyển sang cán bộ", u.handoffs.length, share(u.handoffs.length, questions)]];
  for (const r of reasons(u.handoffs)) rows.push([REASON_LABELS[r.reason] ?? r.reason, r.n, share(r.n, u.handoffs.length)]);
  return { id: "handoffs", title: "Chuyển sang cán bộ và lý do", note: "Tỉ lệ của dòng đầu tính trên số câu hỏi; các dòng lý do tính trên số lần chuyển.", columns: ["Lý do", "Số lần", "Tỉ lệ"], rows };
}

function ratingTable(u: UsageInput): ReportTable {
  const r = ratings(u.handoffs);
  return { id: "ratings", title: "Người dân đánh giá cán bộ", columns: ["Đánh giá", "Số lượng", "Tỉ lệ trên số cuộc đã đóng"], rows: [["Hài lòng", r.up, share(r.up, r.closed)], ["Chưa hài lòng", r.down, share(r.down, r.closed)]] };
}

function timesTable(u: UsageInput): ReportTable {
  const rows = responseTimes(u.handoffs, u.calendar).map((t) => [u.labels.team(t.teamId), t.officeHours ? "Trong giờ làm việc" : "Ngoài giờ", t.handoffs, minutes(t.firstResponseMedian), minutes(t.firstResponseP90), minutes(t.resolutionMedian), minutes(t.resolutionP90)]);
  return {
    id: "times",
    title: "Thời gian cán bộ phản hồi và giải quyết",
    note: "Tính từ lúc người dân được chuyển sang cán bộ; trung vị và mức 90 % (9 trên 10 cuộc nhanh hơn mức này).",
    columns: ["Nhóm", "Lúc chuyển", "Số cuộc", "Phản hồi đầu (trung vị)", "Phản hồi đầu (90 %)", "Giải quyết (trung vị)", "Giải quyết (90 %)"],
    rows,
  };
}

function latencyTable(u: UsageInput): ReportTable {
  const l = fig.latency(u.facts);
  return { id: "latency", title: "Thời gian Trợ lý trả lời", note: "Từ lúc nhận tin đến lúc có câu trả lời; sai số dưới 10 %.", columns: ["Chỉ số", "Thời gian"], rows: [["Trung vị (p50)", ms(l.p50)], ["95 % câu hỏi nhanh hơn (p95)", ms(l.p95)]] };
}
