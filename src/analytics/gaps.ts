import { mentions, PROBLEM_WORDS, type RuleInput } from "./text-rules.js";

/**
 * Service gaps, drawn from the provincial plans: where citizens say public services fail them.
 * A rule suggests a gap when the query uses one of its phrases, or is on one of its topics (or names
 * its subject) and says something went wrong (a problem word, or the assistant could not answer). Analysts confirm
 * or correct the suggestion for a group of questions.
 */
export interface GapRule {
  id: string;
  label: string;
  phrases: readonly string[];
  topics: readonly string[];
  /** Words naming the gap's subject: like the topics, they count when something went wrong. */
  subjects?: readonly string[];
}

export const GAPS: readonly GapRule[] = [
  {
    id: "online-payment",
    label: "Thanh toán trực tuyến lỗi hoặc khó hiểu",
    phrases: ["thanh toán không được", "lỗi thanh toán", "thanh toán lỗi", "thanh toán thất bại", "bị trừ tiền", "đã trừ tiền", "trừ tiền rồi", "không thanh toán được", "chưa nhận được biên lai", "thanh toán bằng cách nào"],
    topics: ["thanh-toan-truc-tuyen"],
    subjects: ["thanh toán", "nộp phí", "trả phí", "chuyển khoản", "lệ phí online"],
  },
  {
    id: "not-online",
    label: "Thủ tục chưa làm được trực tuyến hoặc chỉ một phần",
    phrases: ["không nộp online được", "không nộp trực tuyến được", "không có trên cổng", "chưa có dịch vụ công", "vẫn phải đến", "vẫn phải lên", "phải lên trực tiếp", "phải nộp trực tiếp", "không có trực tuyến", "không làm online được"],
    topics: ["nop-ho-so-truc-tuyen"],
    subjects: ["nộp online", "nộp trực tuyến", "nộp hồ sơ trực tuyến", "dịch vụ công trực tuyến"],
  },
  {
    id: "dossier-status",
    label: "Không xem được tình trạng hồ sơ hoặc không khớp",
    phrases: ["tình trạng hồ sơ", "hồ sơ đến đâu", "hồ sơ đâu rồi", "tra cứu hồ sơ", "chưa cập nhật", "không đồng bộ", "hồ sơ bị treo", "không thấy hồ sơ", "quá hạn", "trễ hẹn"],
    topics: [],
  },
  {
    id: "account",
    label: "VNeID, tài khoản, đăng nhập",
    phrases: ["không đăng nhập được", "quên mật khẩu", "không nhận được otp", "không nhận được mã", "khoá tài khoản", "bị khóa tài khoản", "kích hoạt vneid", "không kích hoạt được", "đăng nhập lỗi"],
    topics: ["vneid", "tai-khoan-dvc"],
    subjects: ["vneid", "tài khoản", "đăng nhập", "mật khẩu", "otp"],
  },
  {
    id: "resubmit",
    label: "Phải nộp lại giấy tờ Nhà nước đã có",
    phrases: ["nộp lại", "bổ sung lại", "lại phải nộp", "bản sao công chứng", "photo công chứng", "đã có trên vneid", "đã có dữ liệu", "sổ hộ khẩu giấy", "mang theo sổ hộ khẩu", "đã tích hợp"],
    topics: [],
  },
  {
    id: "wrong-agency",
    label: "Sai cơ quan sau sắp xếp chính quyền hai cấp 2025",
    phrases: ["sáp nhập", "sau sáp nhập", "xã mới", "huyện cũ", "không còn huyện", "bỏ cấp huyện", "chuyển về xã", "nộp ở đâu bây giờ", "cơ quan nào giải quyết", "địa chỉ mới"],
    topics: [],
  },
  {
    id: "connectivity",
    label: "Mạng, thiết bị hạn chế",
    phrases: ["không có mạng", "mất mạng", "mạng yếu", "sóng yếu", "không có 4g", "điện thoại cùi", "không có điện thoại thông minh", "không có máy tính", "không tải được", "máy yếu"],
    topics: [],
  },
  {
    id: "language",
    label: "Ngôn ngữ (Tày-Nùng, Mông, Dao)",
    phrases: ["tiếng tày", "tiếng nùng", "tiếng mông", "tiếng hmông", "tiếng h'mông", "tiếng dao", "không biết tiếng kinh", "không rành tiếng việt", "phiên dịch", "người dân tộc"],
    topics: [],
  },
  {
    id: "in-person",
    label: "Cần người hướng dẫn trực tiếp",
    phrases: ["hướng dẫn trực tiếp", "người hướng dẫn", "không biết làm", "không biết dùng", "làm giúp", "làm hộ em", "làm hộ tôi", "làm hộ mình", "làm hộ cho", "nhờ làm hộ", "nhờ cán bộ", "người già", "già rồi", "không biết chữ"],
    topics: [],
  },
];

const FAILING_BANDS = new Set(["fallback", "human"]);

export const GAP_LABELS: ReadonlyMap<string, string> = new Map(GAPS.map((g) => [g.id, g.label]));

/** The gaps the rules suggest for one query (possibly none, possibly several). */
export function suggestGaps(q: RuleInput): string[] {
  const trouble = FAILING_BANDS.has(q.band) || mentions(q, PROBLEM_WORDS);
  const onSubject = (g: GapRule) => (q.topic !== null && g.topics.includes(q.topic)) || (g.subjects !== undefined && mentions(q, g.subjects));
  return GAPS.filter((g) => mentions(q, g.phrases) || (trouble && onSubject(g))).map((g) => g.id);
}
