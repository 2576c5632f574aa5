import { redactPersonalData } from "../analytics/redact.js";
import { fold } from "../matching/index.js";
import type { Database } from "../storage/database.js";
import { MAX_ANSWER_CHARS } from "./entry-schema.js";
import { questionKey } from "./loader.js";
import { truncate } from "./render.js";
import type { StoredItem } from "./repository.js";
import type { KnowledgeSnapshot } from "./snapshot.js";
import { TOPICS, type Topic } from "./topics.js";

/** A handed-off conversation a cán bộ closed as "worth an entry", as the draft it would become. */
export interface Proposal {
  handoffId: number;
  closedAt: Date | null;
  /** The citizen's questions, redacted: the draft's example questions. */
  questions: string[];
  /** The cán bộ's replies, redacted and joined, cut to the answer's limit. */
  answer: string;
  topic: Topic;
  topicGuessed: boolean;
  /** A unique title and id for the editor to confirm. */
  title: string;
  id: string;
  /** Why no draft can be made from it (no question, no reply). */
  problem?: string;
}

const MAX_TITLE = 80;
const MAX_ID = 60;
/** A citizen's line just before the handover (within this time) is usually the question itself. */
const LEAD_IN_MS = 30 * 60_000;

/** Open proposals: worth an entry, not yet made a draft or dismissed. */
export async function handoffProposals(db: Database, live: KnowledgeSnapshot, items: StoredItem[]): Promise<Proposal[]> {
  const decided = new Set((await db.unansweredDecision.findMany({ where: { key: { startsWith: "handoff:" } }, select: { key: true } })).map((d) => d.key));
  const handoffs = (await db.handoff.findMany({ where: { worthEntry: true }, orderBy: { id: "desc" }, take: 50 })).filter((h) => !decided.has(`handoff:${h.id}`));
  return Promise.all(handoffs.map((h) => buildProposal(db, live, items, h)));
}

export async function handoffProposal(db: Database, live: KnowledgeSnapshot, items: StoredItem[], handoffId: number): Promise<Proposal | null> {
  const h = await db.handoff.findUnique({ where: { id: handoffId } });
  return h?.worthEntry ? buildProposal(db, live, items, h) : null;
}

type HandoffRow = { id: number; userId: string; topic: string | null; createdAt: Date; closedAt: Date | null };

async function buildProposal(db: Database, live: KnowledgeSnapshot, items: StoredItem[], h: HandoffRow): Promise<Proposal> {
  const lines = await db.transcriptMessage.findMany({ where: { handoffId: h.id, author: { in: ["citizen", "staff"] } }, orderBy: { id: "asc" } });
  const leadIn = await db.transcriptMessage.findFirst({
    where: { userId: h.userId, handoffId: null, author: "citizen", at: { gte: new Date(h.createdAt.getTime() - LEAD_IN_MS), lte: h.createdAt } },
    orderBy: { id: "desc" },
  });
  // Transcripts are personal data: nothing goes into a draft without redaction.
  const said = (author: string) => lines.filter((l) => l.author === author).map((l) => redactPersonalData(l.text)).filter(Boolean);
  const questions = exampleQuestions([...(leadIn ? [redactPersonalData(leadIn.text)] : []), ...said("citizen")], live);
  const answer = truncate(said("staff").join("\n\n"), MAX_ANSWER_CHARS);
  const guess = questions[0] ? live.matcher.match(questions[0]).top?.topic : undefined;
  const topic = asTopic(h.topic) ?? asTopic(guess) ?? TOPICS[0];
  const title = uniqueTitle(questions[0] ?? `Câu hỏi từ cuộc trò chuyện #${h.id}`, items);
  const problem = questions.length === 0 ? "Người dân không hỏi câu nào dùng làm câu hỏi mẫu được." : answer === "" ? "Cán bộ chưa trả lời tin nào trong cuộc trò chuyện này." : undefined;
  return { handoffId: h.id, closedAt: h.closedAt, questions, answer, topic, topicGuessed: asTopic(h.topic) === undefined, title, id: uniqueId(title, items), ...(problem ? { problem } : {}) };
}

/** The citizen's lines that are questions: not a greeting or "gặp cán bộ", not already an example of another entry, each once. */
function exampleQuestions(texts: string[], live: KnowledgeSnapshot): string[] {
  const known = new Set(live.entries.flatMap((e) => e.questions.map(questionKey)));
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = questionKey(t);
    if (key.split(" ").length < 3 || known.has(key) || seen.has(key)) return false;
    seen.add(key);
    return live.matcher.match(t).reason !== "intent";
  });
}

const asTopic = (t: string | null | undefined): Topic | undefined => TOPICS.find((x) => x === t);

const titlesOf = (items: StoredItem[]) => new Set(items.map((i) => (i.draft ?? i.published)?.content as { title?: string } | undefined).flatMap((c) => (c?.title ? [questionKey(c.title)] : [])));

export function uniqueTitle(question: string, items: StoredItem[]): string {
  // A title is the question's first clause, without what redaction left ("[số điện thoại]").
  const bare = question.replace(/\[[^\]]*\]/g, "").trim();
  const clause = bare.split(/[,;:]/)[0]!.trim();
  const base = (clause.split(/\s+/).length >= 3 ? clause : bare).replace(/[\s?.!…,;:]+$/u, "").trim();
  const capital = truncate(base.charAt(0).toLocaleUpperCase("vi") + base.slice(1), MAX_TITLE - 4);
  const taken = titlesOf(items);
  for (let n = 1; ; n++) {
    const title = n === 1 ? capital : `${capital} (${n})`;
    if (!taken.has(questionKey(title))) return title;
  }
}

export function uniqueId(title: string, items: StoredItem[]): string {
  const slug = fold(title).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const cut = slug.length <= MAX_ID ? slug : slug.slice(0, MAX_ID).replace(/-[^-]*$/, "");
  const base = cut || "de-xuat";
  const taken = new Set(items.map((i) => i.key));
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(`entry:${id}`)) return id;
  }
}

/** The draft entry made from a proposal, with the id and title the editor confirmed. */
export function proposalEntry(p: Proposal, confirmed: { id: string; title: string }, now: number): Record<string, unknown> & { id: string } {
  const day = new Date(now).toISOString().slice(0, 10);
  const closed = p.closedAt ? ` (kết thúc ngày ${p.closedAt.toISOString().slice(0, 10).split("-").reverse().join("/")})` : "";
  const topicNote = p.topicGuessed ? " Chủ đề do Trợ lý đoán, hãy chọn lại nếu sai." : "";
  return {
    id: confirmed.id,
    topic: p.topic,
    kind: "faq",
    title: confirmed.title,
    questions: p.questions,
    keywords: [],
    answer: p.answer,
    sources: [],
    verified_on: day,
    needs_review:
      `Soạn từ câu trả lời của cán bộ trong cuộc trò chuyện #${p.handoffId}${closed}, chưa đối chiếu văn bản. ` +
      `Trước khi xuất bản: kiểm tra từng thông tin với văn bản chính thức và ghi nguồn, thêm câu hỏi mẫu (ít nhất 8) và từ khoá.${topicNote}`,
  };
}
