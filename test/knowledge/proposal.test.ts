import { tempKnowledge } from "../helpers/knowledge.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryKey } from "../../src/knowledge/content.js";
import { MAX_ANSWER_CHARS } from "../../src/knowledge/entry-schema.js";
import { type KnowledgeModule } from "../../src/knowledge/module.js";
import { handoffProposal, handoffProposals, proposalEntry } from "../../src/knowledge/proposal.js";
import { PublishRefusal } from "../../src/knowledge/publishing.js";
import { contentsOf, loadItem, loadItems } from "../../src/knowledge/repository.js";
import { type Database } from "../../src/storage/database.js";

const editor = { actor: { id: 1, username: "bien.tap" }, name: "Biên tập" };
let db: Database;
let k: KnowledgeModule;
let handoffId: number;

const QUESTION = "con tôi đi học xa có được đóng bảo hiểm y tế ở trường không, số tôi 0912345678";
const REPLY = `Chào anh/chị, cháu được tham gia BHYT học sinh sinh viên tại trường, gọi tôi số 0987654321 nếu cần. ${"Thông tin thêm. ".repeat(60)}`;

beforeAll(async () => {
  ({ db, k } = await tempKnowledge());
  const team = await db.team.create({ data: { slug: "bhyt", name: "Bảo hiểm" } });
  const at = new Date("2026-12-01T02:00:00Z");
  const h = await db.handoff.create({ data: { userId: "u-1", status: "closed", reason: "ask_human", topic: "bhyt", teamId: team.id, createdAt: at, closedAt: new Date("2026-12-01T03:00:00Z"), worthEntry: true } });
  handoffId = h.id;
  await db.transcriptMessage.createMany({
    data: [
      { userId: "u-1", handoffId: null, author: "citizen", text: QUESTION, at: new Date(at.getTime() - 60_000) },
      { userId: "u-1", handoffId: h.id, author: "citizen", text: "gặp cán bộ", at },
      { userId: "u-1", handoffId: h.id, author: "staff", staffId: 1, text: REPLY, at },
      { userId: "u-1", handoffId: h.id, author: "note", staffId: 1, text: "ghi chú nội bộ không vào bản nháp", at },
    ],
  });
});
afterAll(() => db.$disconnect());

describe("a cán bộ's reply marked worth an entry", () => {
  it("is proposed with the citizen's question and the reply, redacted, with a unique id and title", async () => {
    const [p] = await handoffProposals(db, k.live.current(), await loadItems(db));
    expect(p?.handoffId).toBe(handoffId);
    expect(p?.questions).toEqual(["con tôi đi học xa có được đóng bảo hiểm y tế ở trường không, số tôi [số điện thoại]"]);
    expect(p?.answer).not.toContain("0987654321");
    expect(p?.answer).not.toContain("ghi chú nội bộ");
    expect([...p!.answer].length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(p?.topic).toBe("bhyt");
    expect(p?.id).toMatch(/^con-toi-di-hoc-xa/);
    expect(p?.title.startsWith("Con tôi đi học xa")).toBe(true);
  });

  it("becomes a draft flagged for review that cannot be published before it is completed; audited", async () => {
    const p = (await handoffProposal(db, k.live.current(), await loadItems(db), handoffId))!;
    const saved = await k.publisher.saveProposal(editor, proposalEntry(p, { id: "bhyt-hoc-sinh-o-truong", title: "BHYT học sinh ở trường" }, Date.parse("2026-12-02")), { handoffId });
    expect(saved.ok).toBe(true);
    const item = (await loadItem(db, entryKey("bhyt-hoc-sinh-o-truong")))!;
    expect(item.published).toBeNull();
    expect(item.draft?.origin).toBe("handoff");
    const draft = item.draft!.content as { needs_review: string; questions: string[]; topic: string };
    expect(draft.needs_review).toMatch(/câu trả lời của cán bộ.*văn bản chính thức/);
    expect(draft.topic).toBe("bhyt");
    await expect(k.publisher.publish(editor, entryKey("bhyt-hoc-sinh-o-truong"))).rejects.toThrow(PublishRefusal);
    await expect(k.publisher.publish(editor, entryKey("bhyt-hoc-sinh-o-truong"))).rejects.toThrow(/cần ít nhất 8 câu hỏi mẫu/);
    expect(contentsOf(await loadItems(db), true).some((c) => c.key === entryKey("bhyt-hoc-sinh-o-truong"))).toBe(false);
    const audit = await db.auditLog.findFirst({ where: { action: "knowledge.draft", targetId: entryKey("bhyt-hoc-sinh-o-truong") } });
    expect(JSON.parse(audit!.after!)).toMatchObject({ origin: "handoff", handoffId });
  });

  it("refuses an id already used", async () => {
    const p = (await handoffProposal(db, k.live.current(), await loadItems(db), handoffId))!;
    const saved = await k.publisher.saveProposal(editor, proposalEntry(p, { id: "khai-sinh-dang-ky", title: "Tiêu đề khác hẳn" }, Date.now()), { handoffId });
    expect(saved).toMatchObject({ ok: false, problems: [{ field: "id" }] });
  });
});
