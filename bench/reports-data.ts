import Database from "better-sqlite3";
import { TOPICS } from "../src/knowledge/topics.js";

/** Wordings the generated log draws from: plain questions, gaps, and a planted id number (redacted at write time in real use). */
const TEXTS = [
  "làm căn cước ở đâu", "lam cccd o dau", "đăng ký khai sinh cần giấy tờ gì", "thanh toán lệ phí bị lỗi", "thanh toan khong duoc bi tru tien roi",
  "nộp hồ sơ trực tuyến không được", "hồ sơ của em đến đâu rồi", "quên mật khẩu vneid", "sau sáp nhập nộp ở đâu bây giờ", "nhà không có mạng sóng yếu",
  "có ai nói tiếng Mông không", "bà em già rồi cần người hướng dẫn", "lệ phí làm hộ chiếu bao nhiêu", "tôi muốn phản ánh thái độ cán bộ xã Tân Sơn",
  "đổi giấy phép lái xe online", "đăng ký tạm trú cho người thuê nhà", "xin giấy xác nhận tình trạng hôn nhân ở phường Đức Xuân", "bảo hiểm y tế hộ gia đình",
];
const BANDS = ["answer", "answer", "answer", "answer", "suggest", "suggest", "fallback", "intent", "command"];
const DAY_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** A deterministic pseudo-random stream, so every run measures the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Writes `queries` QueryLog rows over the `days` days before `now`, and `handoffs` handovers, straight through SQLite. */
export function generateLog(file: string, opts: { queries: number; handoffs: number; days: number; now: number }): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const insert = db.prepare("INSERT INTO QueryLog (createdAt, userKey, text, band, matchedId, topic, score, outcome, latencyMs, suggestions, chosenId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?)");
  const start = opts.now - opts.days * DAY_MS;
  const batch = db.transaction((from: number, count: number) => {
    for (let i = 0; i < count; i++) {
      const at = start + ((from + i) / opts.queries) * opts.days * DAY_MS;
      const band = pick(BANDS);
      const topic = band === "fallback" || band === "command" ? null : pick(TOPICS);
      const matched = band === "answer" ? `${topic}-${Math.floor(rnd() * 5)}` : null;
      const chosen = band === "suggest" && rnd() < 0.5 ? `${topic}-1` : null;
      insert.run(iso(at), `user-${Math.floor(rnd() * 150_000)}`, pick(TEXTS), band, matched, topic, rnd(), band, 5 + rnd() * rnd() * 400, chosen);
    }
  });
  for (let done = 0; done < opts.queries; done += 50_000) batch(done, Math.min(50_000, opts.queries - done));
  const teams = (db.prepare("SELECT id FROM Team").all() as { id: number }[]).map((t) => t.id);
  const handoff = db.prepare("INSERT INTO Handoff (userId, status, reason, topic, teamId, createdAt, firstResponseAt, closedAt, rating) VALUES (?, 'closed', ?, ?, ?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (let i = 0; i < opts.handoffs; i++) {
      const at = start + rnd() * opts.days * DAY_MS;
      handoff.run(`zalo-${i}`, pick(["asked", "repeated_failure", "not_helpful", "entry_always"]), pick(TOPICS), pick(teams), iso(at), iso(at + rnd() * 3_600_000), iso(at + rnd() * 86_400_000), pick(["up", "down", null]));
    }
  })();
  db.close();
}
