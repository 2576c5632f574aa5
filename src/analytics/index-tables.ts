import { sumBy } from "./filter.js";
import * as fig from "./figures.js";
import { EVIDENCE, INDEX_GROUPS, INDEX_POINTS, type IndexGroup } from "./national-index.js";
import { MIN_CITIZENS } from "./privacy.js";
import type { DailyFact } from "./rollup.js";
import { periodLabel, share, type ReportTable } from "./report-table.js";

/** Short names of the evidence kinds, for columns and chart legends. */
export const EVIDENCE_SHORT: Record<string, string> = {
  "payment-question": "Hỏi thanh toán",
  "payment-failure": "Thanh toán lỗi",
  "online-question": "Hỏi nộp trực tuyến",
  "online-problem": "Nộp trực tuyến trục trặc",
  late: "Hồ sơ chậm",
  resubmit: "Nộp lại giấy tờ",
  complaint: "Phản ánh, kiến nghị",
};

/** Facts of one evidence kind per key. */
const byKind = (facts: DailyFact[]) => sumBy(facts, (f) => (f.dim === "index" ? f.key : null));

/** Each index group, its points, and the assistant's evidence for it over the range. */
export function indexGroupsTable(facts: DailyFact[]): ReportTable {
  const counts = byKind(facts);
  const questions = fig.bandShares(facts).questions;
  const rows: (string | number)[][] = [];
  for (const group of Object.keys(INDEX_GROUPS) as IndexGroup[]) {
    const kinds = EVIDENCE.filter((e) => e.group === group);
    if (kinds.length === 0) rows.push([INDEX_GROUPS[group], INDEX_POINTS[group], "Trợ lý không có bằng chứng cho nhóm này", "–", "–"]);
    for (const k of kinds) rows.push([INDEX_GROUPS[group], INDEX_POINTS[group], k.label, counts.get(k.id) ?? 0, share(counts.get(k.id) ?? 0, questions)]);
  }
  return {
    id: "index-groups",
    title: "Bằng chứng theo nhóm chỉ số",
    note: "Điểm tối đa của từng nhóm trên thang 100 điểm như Cổng Dịch vụ công quốc gia đang chấm. Một câu hỏi có thể là bằng chứng cho nhiều mục.",
    columns: ["Nhóm chỉ số", "Điểm tối đa", "Bằng chứng từ câu hỏi của người dân", "Số câu hỏi", "Tỉ lệ trên số câu hỏi"],
    rows,
  };
}

/** The evidence kinds per month or quarter. */
export function indexTrendTable(facts: DailyFact[], period: "month" | "quarter"): ReportTable {
  const trend = fig.trend(facts, "index", period);
  const periods = [...new Set([...trend.values()].flatMap((m) => [...m.keys()]))].sort();
  return {
    id: period === "month" ? "index-months" : "index-quarters",
    title: period === "month" ? "Bằng chứng theo tháng" : "Bằng chứng theo quý",
    columns: [period === "month" ? "Tháng" : "Quý", ...EVIDENCE.map((e) => EVIDENCE_SHORT[e.id] ?? e.label)],
    rows: periods.map((p) => [periodLabel(p), ...EVIDENCE.map((e) => trend.get(e.id)?.get(p) ?? 0)]),
    chart: { type: period === "month" ? "line" : "bar", column: 1, series: EVIDENCE.map((_, i) => i + 1) },
    wide: true,
  };
}

/** Places shown, at most. */
const PLACE_LIMIT = 30;

/** The evidence per commune or ward the questions name; places with fewer than MIN_CITIZENS questions are left out. */
export function placesTable(facts: DailyFact[]): ReportTable {
  const byPlace = new Map<string, Map<string, number>>();
  for (const f of facts) {
    if (f.dim !== "place") continue;
    const cut = f.key.indexOf("|");
    const [kind, place] = [f.key.slice(0, cut), f.key.slice(cut + 1)];
    const row = byPlace.get(place) ?? new Map<string, number>();
    row.set(kind, (row.get(kind) ?? 0) + f.n);
    byPlace.set(place, row);
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const rows = [...byPlace]
    .filter(([, m]) => total(m) >= MIN_CITIZENS)
    .sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0], "vi"))
    .slice(0, PLACE_LIMIT)
    .map(([place, m]) => [place, ...EVIDENCE.map((e) => m.get(e.id) ?? 0)]);
  return {
    id: "index-places",
    title: "Theo xã, phường được nhắc đến",
    note: `Chỉ những câu hỏi ghi rõ «xã …», «phường …» hoặc «thị trấn …»; chỉ hiện nơi có từ ${MIN_CITIZENS} lượt trở lên, tối đa ${PLACE_LIMIT} nơi.`,
    columns: ["Xã, phường", ...EVIDENCE.map((e) => EVIDENCE_SHORT[e.id] ?? e.label)],
    rows,
  };
}

/** Dimensions the index page reads. */
export const INDEX_DIMS = ["band", "index", "place"];
