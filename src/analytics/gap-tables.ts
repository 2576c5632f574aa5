import { sumBy } from "./filter.js";
import * as fig from "./figures.js";
import { examplesByGap, NOT_A_GAP, type LabelledGroup } from "./gap-groups.js";
import { GAPS, GAP_LABELS } from "./gaps.js";
import type { DailyFact } from "./rollup.js";
import { change, periodLabel, share, type ReportTable } from "./report-table.js";

/** Short names for the gap trend's columns and chart legend. */
export const GAP_SHORT: Record<string, string> = {
  "online-payment": "Thanh toán",
  "not-online": "Chưa trực tuyến",
  "dossier-status": "Tình trạng hồ sơ",
  account: "VNeID, tài khoản",
  resubmit: "Nộp lại giấy tờ",
  "wrong-agency": "Sai cơ quan",
  connectivity: "Mạng, thiết bị",
  language: "Ngôn ngữ",
  "in-person": "Cần hướng dẫn",
};

export interface GapInput {
  /** Band and gap facts of the range, and of the same number of days just before it. */
  facts: DailyFact[];
  before: DailyFact[];
  groups: LabelledGroup[];
  period: "week" | "month";
}

export interface GapFigure {
  gap: string;
  label: string;
  questions: number;
  share: string;
  before: number;
  change: string;
  examples: string[];
}

/** Each gap's questions (by the rules), against the previous period, with example wordings; most asked first. */
export function gapFigures(g: Pick<GapInput, "facts" | "before" | "groups">): GapFigure[] {
  const now = sumBy(g.facts, (f) => (f.dim === "gap" ? f.key : null));
  const then = sumBy(g.before, (f) => (f.dim === "gap" ? f.key : null));
  const questions = fig.bandShares(g.facts).questions;
  const examples = examplesByGap(g.groups);
  return GAPS.map((rule) => {
    const n = now.get(rule.id) ?? 0;
    const b = then.get(rule.id) ?? 0;
    return { gap: rule.id, label: rule.label, questions: n, share: share(n, questions), before: b, change: change(n, b), examples: examples.get(rule.id) ?? [] };
  }).sort((a, b) => b.questions - a.questions || a.label.localeCompare(b.label, "vi"));
}

export const GAP_NOTE =
  "Số câu hỏi do quy tắc tự động gắn nhãn (một câu có thể thuộc nhiều vướng mắc). Kỳ trước: cùng số ngày ngay trước khoảng đang xem. Ví dụ lấy từ các nhóm câu hỏi đã gắn nhãn, chỉ những cách hỏi có từ 3 người dân trở lên.";

export function gapSummaryTable(g: GapInput): ReportTable {
  const rows = gapFigures(g).map((f) => [f.label, f.questions, f.share, f.before, f.change, f.examples.join(" · ")]);
  return { id: "gaps", title: "Vướng mắc của người dân", note: GAP_NOTE, columns: ["Vướng mắc", "Số câu hỏi", "Tỉ lệ trên số câu hỏi", "Kỳ trước", "Thay đổi", "Ví dụ cách hỏi"], rows, chart: { type: "bar", column: 1 }, wide: true };
}

export function gapTrendTable(g: GapInput): ReportTable {
  const trend = fig.trend(g.facts, "gap", g.period);
  const periods = [...new Set([...trend.values()].flatMap((m) => [...m.keys()]))].sort();
  const rows = periods.map((p) => [periodLabel(p), ...GAPS.map((rule) => trend.get(rule.id)?.get(p) ?? 0)]);
  return {
    id: "gap-trend",
    title: g.period === "week" ? "Vướng mắc theo tuần" : "Vướng mắc theo tháng",
    note: g.period === "week" ? "Mỗi dòng là một tuần, ghi theo ngày thứ Hai đầu tuần." : undefined,
    columns: [g.period === "week" ? "Tuần bắt đầu" : "Tháng", ...GAPS.map((rule) => GAP_SHORT[rule.id] ?? rule.id)],
    rows,
    chart: { type: "line", column: 1, series: GAPS.map((_, i) => i + 1) },
    wide: true,
  };
}

const gapName = (gap: string | null | undefined): string => (!gap ? "Không gợi ý" : gap === NOT_A_GAP ? "Không phải vướng mắc" : (GAP_LABELS.get(gap) ?? gap));

/** How the group stands: the rules' suggestion, or the analyst's decision. */
export function groupStatus(g: LabelledGroup): string {
  if (!g.saved) return "Chưa xem xét";
  const same = g.saved.gap === (g.saved.suggested || NOT_A_GAP) || (g.saved.gap === NOT_A_GAP && g.saved.suggested === "");
  return same ? "Đã xác nhận" : `Đã sửa (gợi ý: ${gapName(g.saved.suggested || null)})`;
}

export function gapGroupsTable(groups: LabelledGroup[]): ReportTable {
  const rows = groups.map((g) => [g.label, g.count, g.citizens, gapName(g.suggested), g.saved ? gapName(g.saved.gap) : "", groupStatus(g), g.examples.slice(1).join(" · ")]);
  return {
    id: "gap-groups",
    title: "Nhóm câu hỏi cần gắn nhãn",
    note: "Nhóm có gợi ý vướng mắc, đã được gắn nhãn, hoặc phần lớn câu hỏi Trợ lý chưa hiểu. Chỉ hiện nhóm và cách hỏi có từ 3 người dân trở lên.",
    columns: ["Câu hỏi", "Số lần hỏi", "Số người hỏi", "Gợi ý tự động", "Nhãn đã chọn", "Tình trạng", "Cách hỏi khác"],
    rows,
  };
}

export { gapName };
