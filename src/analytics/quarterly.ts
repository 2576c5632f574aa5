import { sumBy } from "./filter.js";
import * as fig from "./figures.js";
import { gapFigures, type GapFigure } from "./gap-tables.js";
import type { LabelledGroup } from "./gap-groups.js";
import { ratings, type HandoffRow } from "./handoff-figures.js";
import { placesTable } from "./index-tables.js";
import { EVIDENCE, INDEX_GROUPS } from "./national-index.js";
import { MIN_CITIZENS } from "./privacy.js";
import { GAP_PROPOSALS } from "./proposals.js";
import type { Block, ReportDoc } from "./report-doc.js";
import { change, periodLabel } from "./report-table.js";
import type { DailyFact } from "./rollup.js";

/** What one quarter's report is made of: the quarter's facts and handovers, the previous quarter's, the labelled question groups. */
export interface QuarterInput {
  quarter: string;
  previous: string;
  from: string;
  /** The last day counted: the quarter's last day, or today while it is running. */
  to: string;
  complete: boolean;
  facts: DailyFact[];
  before: DailyFact[];
  handoffs: HandoffRow[];
  handoffsBefore: HandoffRow[];
  groups: LabelledGroup[];
  /** "15/01/2027". */
  madeOn: string;
}

/** Main gaps in the report and proposals, at most. */
const TOP_GAPS = 5;

const num = (n: number): string => n.toLocaleString("vi-VN");
const pct = (part: number, whole: number): number | null => (whole === 0 ? null : (100 * part) / whole);
const pctText = (v: number | null): string => (v === null ? "–" : `${v.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} %`);
const points = (now: number | null, before: number | null): string => {
  if (now === null || before === null) return "–";
  const d = now - before;
  return `${d > 0 ? "+" : d < 0 ? "−" : ""}${Math.abs(d).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} điểm %`;
};

interface Summary {
  questions: number;
  answer: number | null;
  suggest: number | null;
  fallback: number | null;
  newCitizens: number;
  handoffs: number;
  contained: number | null;
  satisfied: number | null;
}

function summary(facts: DailyFact[], handoffs: HandoffRow[]): Summary {
  const s = fig.bandShares(facts);
  const c = fig.containment(facts);
  const r = ratings(handoffs);
  return {
    questions: s.questions,
    answer: pct(s.answer, s.questions),
    suggest: pct(s.suggest, s.questions),
    fallback: pct(s.fallback, s.questions),
    newCitizens: fig.citizens(facts).newCitizens,
    handoffs: handoffs.length,
    contained: pct(c.contained, c.cohort),
    satisfied: pct(r.up, r.up + r.down),
  };
}

/** The quarterly report, in the order a province's báo cáo reads: figures, main gaps, the national index, trends, proposals. */
export function quarterReport(q: QuarterInput): ReportDoc {
  const now = summary(q.facts, q.handoffs);
  const then = summary(q.before, q.handoffsBefore);
  const gaps = gapFigures({ facts: q.facts, before: q.before, groups: q.groups });
  const top = gaps.filter((g) => g.questions > 0).slice(0, TOP_GAPS);
  const [label, prevLabel] = [periodLabel(q.quarter), periodLabel(q.previous)];
  const blocks: Block[] = [
    { kind: "paragraph", text: `Số liệu từ ${periodLabel(q.from)} đến ${periodLabel(q.to)}${q.complete ? "" : " (quý chưa kết thúc)"}, so với ${prevLabel}. Lập ngày ${q.madeOn}.` },
    { kind: "heading", text: "I. SỐ LIỆU TRONG QUÝ" },
    figuresTable(now, then, label, prevLabel),
    { kind: "heading", text: "II. NHỮNG VƯỚNG MẮC CHÍNH CỦA NGƯỜI DÂN" },
    ...gapBlocks(top, now.questions),
    { kind: "heading", text: "III. BẰNG CHỨNG LIÊN QUAN ĐẾN BỘ CHỈ SỐ THEO QUYẾT ĐỊNH 766/QĐ-TTg" },
    ...indexBlocks(q, label, prevLabel),
    { kind: "heading", text: "IV. XU HƯỚNG SO VỚI QUÝ TRƯỚC" },
    { kind: "bullets", items: trends(now, then, gaps, prevLabel) },
    { kind: "heading", text: "V. ĐỀ XUẤT, KIẾN NGHỊ" },
    ...proposals(top),
    { kind: "heading", text: "Ghi chú về số liệu" },
    {
      kind: "bullets",
      items: [
        "Số liệu chỉ gồm người dân đã hỏi Trợ lý Dịch vụ công qua Zalo, không phải mẫu đại diện cho toàn tỉnh.",
        "Vướng mắc được gắn nhãn tự động theo quy tắc (từ ngữ, chủ đề, câu trả lời); cán bộ phân tích xác nhận hoặc sửa nhãn cho từng nhóm câu hỏi.",
        `Chỉ trích dẫn cách hỏi có từ ${MIN_CITIZENS} người dân trở lên; thông tin cá nhân (số giấy tờ, số điện thoại, họ tên) đã được che.`,
      ],
    },
  ];
  return {
    header: ["TRỢ LÝ DỊCH VỤ CÔNG", "Số liệu phục vụ báo cáo định kỳ"],
    title: `BÁO CÁO ${label.toUpperCase().replace("/", " NĂM ")}`,
    subtitle: "Kết quả hỗ trợ người dân tìm hiểu, thực hiện thủ tục hành chính qua Trợ lý Dịch vụ công",
    blocks,
  };
}

function figuresTable(now: Summary, then: Summary, label: string, prevLabel: string): Block {
  const count = (name: string, a: number, b: number) => [name, num(a), num(b), change(a, b)];
  const ratio = (name: string, a: number | null, b: number | null) => [name, pctText(a), pctText(b), points(a, b)];
  return {
    kind: "table",
    columns: ["Chỉ tiêu", label, prevLabel, "Thay đổi"],
    widths: [46, 18, 18, 18],
    rows: [
      count("Số câu hỏi người dân gửi", now.questions, then.questions),
      ratio("Tỉ lệ Trợ lý trả lời ngay", now.answer, then.answer),
      ratio("Tỉ lệ đưa gợi ý để người dân chọn", now.suggest, then.suggest),
      ratio("Tỉ lệ Trợ lý chưa hiểu câu hỏi", now.fallback, then.fallback),
      count("Số người dân hỏi lần đầu", now.newCitizens, then.newCitizens),
      count("Số lần chuyển sang cán bộ", now.handoffs, then.handoffs),
      ratio("Tỉ lệ giải quyết xong không cần cán bộ", now.contained, then.contained),
      ratio("Tỉ lệ người dân hài lòng với cán bộ (trên số đánh giá)", now.satisfied, then.satisfied),
    ],
  };
}

function gapBlocks(top: GapFigure[], questions: number): Block[] {
  if (top.length === 0) return [{ kind: "paragraph", text: "Trong quý chưa ghi nhận câu hỏi nào về các vướng mắc đã theo dõi." }];
  return top.flatMap((g, i): Block[] => [
    { kind: "subheading", text: `${i + 1}. ${g.label}` },
    { kind: "paragraph", text: `${num(g.questions)} câu hỏi, chiếm ${pctText(pct(g.questions, questions))} số câu hỏi trong quý; quý trước ${num(g.before)} câu hỏi (${g.change === "mới" ? "mới xuất hiện" : g.change}).` },
    {
      kind: "paragraph",
      text: g.examples.length > 0 ? `Người dân hỏi, ví dụ: ${g.examples.map((e) => `«${e}»`).join("; ")}.` : `Chưa có cách hỏi nào đủ ${MIN_CITIZENS} người dân để trích dẫn.`,
    },
  ]);
}

function indexBlocks(q: QuarterInput, label: string, prevLabel: string): Block[] {
  const now = sumBy(q.facts, (f) => (f.dim === "index" ? f.key : null));
  const then = sumBy(q.before, (f) => (f.dim === "index" ? f.key : null));
  const rows = EVIDENCE.map((e) => [INDEX_GROUPS[e.group], e.label, num(now.get(e.id) ?? 0), num(then.get(e.id) ?? 0), change(now.get(e.id) ?? 0, then.get(e.id) ?? 0)]);
  const places = placesTable(q.facts).rows.slice(0, 5);
  const blocks: Block[] = [
    { kind: "paragraph", text: "Số câu hỏi của người dân liên quan đến các nhóm chỉ số mà Trợ lý có thể phản ánh. Điểm số của tỉnh do Cổng Dịch vụ công quốc gia tính từ hồ sơ thật; số liệu dưới đây chỉ cho biết người dân gặp khó ở đâu, không thay cho điểm số. Nhóm «Công khai, minh bạch» không có bằng chứng từ câu hỏi." },
    { kind: "table", columns: ["Nhóm chỉ số", "Bằng chứng", label, prevLabel, "Thay đổi"], widths: [24, 34, 14, 14, 14], rows },
  ];
  if (places.length > 0) {
    const total = (r: (string | number)[]) => r.slice(1).reduce<number>((a, b) => a + Number(b), 0);
    blocks.push({ kind: "paragraph", text: `Xã, phường được người dân nhắc đến nhiều nhất: ${places.map((r) => `${r[0]} (${num(total(r))} lượt)`).join("; ")}.` });
  }
  return blocks;
}

function trends(now: Summary, then: Summary, gaps: GapFigure[], prevLabel: string): string[] {
  const items = [`Số câu hỏi: ${num(now.questions)}, ${prevLabel} ${num(then.questions)} (${change(now.questions, then.questions)}).`];
  items.push(`Tỉ lệ Trợ lý trả lời ngay: ${pctText(now.answer)}, ${prevLabel} ${pctText(then.answer)} (${points(now.answer, then.answer)}).`);
  const rising = gaps.filter((g) => g.questions > g.before).sort((a, b) => b.questions - b.before - (a.questions - a.before)).slice(0, 3);
  const falling = gaps.filter((g) => g.questions < g.before).sort((a, b) => a.questions - a.before - (b.questions - b.before)).slice(0, 3);
  const list = (gs: GapFigure[]) => gs.map((g) => `${g.label} (${num(g.before)} → ${num(g.questions)})`).join("; ");
  items.push(rising.length > 0 ? `Vướng mắc tăng: ${list(rising)}.` : "Không có vướng mắc nào tăng so với quý trước.");
  if (falling.length > 0) items.push(`Vướng mắc giảm: ${list(falling)}.`);
  return items;
}

function proposals(top: GapFigure[]): Block[] {
  if (top.length === 0) return [{ kind: "paragraph", text: "Trong quý chưa có vướng mắc nào đủ số liệu để đề xuất." }];
  return [{ kind: "bullets", items: top.map((g, i) => `${i + 1}. ${GAP_PROPOSALS[g.gap] ?? g.label} (Căn cứ: ${num(g.questions)} câu hỏi về «${g.label}» trong quý.)`) }];
}
