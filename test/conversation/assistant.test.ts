import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { Assistant } from "../../src/conversation/assistant.js";
import type { KnowledgeEntry } from "../../src/knowledge/entry-schema.js";
import { loadLiveMatcher, type LiveKnowledge } from "../../src/knowledge/live-matcher.js";
import { AnswerRenderer, detailPayload } from "../../src/knowledge/render.js";
import type { Candidate, Matcher } from "../../src/matching/index.js";

let live: LiveKnowledge;
beforeAll(async () => {
  live = await loadLiveMatcher(loadConfig({ NODE_ENV: "test" }));
});

const candidate = (e: KnowledgeEntry, score: number): Candidate => ({ id: e.id, kind: "entry", topic: e.topic, title: e.title, score });
const entry = (id: string) => live.entries.find((e) => e.id === id) as KnowledgeEntry;

function assistant(matcher?: Matcher) {
  return new Assistant({
    matcher: matcher ?? live.matcher, entries: live.entries, intents: live.kb.intents,
    renderer: new AnswerRenderer(live.kb.province), nationalPortalUrl: "https://dichvucong.gov.vn", privacyUrl: "https://troly.example/privacy",
  });
}

/** A citizen who already saw the privacy notice. */
const known = { privacyNoticeShown: true };

const suggesting: Matcher = {
  match: () => {
    const options = [entry("cccd-cap-lan-dau"), entry("cccd-cap-doi"), entry("cccd-cap-lai")];
    return { band: "suggest", top: candidate(options[0] as KnowledgeEntry, 0.4), suggestions: options.map((e, i) => candidate(e, 0.4 - i * 0.01)), confidence: 0.4 };
  },
};
const nothing: Matcher = { match: () => ({ band: "fallback", top: null, suggestions: [], confidence: 0 }) };
const answering = (id: string, siblings: string[] = []): Matcher => ({
  match: () => ({ band: "answer", top: candidate(entry(id), 0.9), suggestions: siblings.map((s) => candidate(entry(s), 0.8)), confidence: 0.9 }),
});

describe("assistant", () => {
  it("greets a new follower with a menu of common procedures and a way to reach a cán bộ", () => {
    const d = assistant().respond({ kind: "follow" }, {});
    expect(d.replies).toHaveLength(1);
    expect(d.replies[0]?.buttons?.map((b) => b.title)).toContain("Gặp cán bộ");
    expect(d.replies[0]?.buttons?.length).toBeGreaterThanOrEqual(3);
  });

  it("answers a clear question with the entry, its source and date, and buttons for the details", () => {
    const d = assistant().respond({ kind: "text", text: "thủ tục đăng ký khai sinh cho con cần giấy tờ gì" }, known);
    expect(d.query).toMatchObject({ band: "answer", matchedId: "khai-sinh-dang-ky", outcome: "answered" });
    const [y, m, day] = entry("khai-sinh-dang-ky").verified_on.split("-");
    expect(d.replies[0]?.text).toContain("Nguồn: ");
    expect(d.replies[0]?.text).toContain(`Kiểm tra ngày ${day}/${m}/${y}.`);
    expect(d.replies[0]?.buttons?.map((b) => b.title)).toEqual(expect.arrayContaining(["Giấy tờ cần chuẩn bị", "Lệ phí, thời gian", "Gặp cán bộ"]));
  });

  it("opens a detail section when its button is tapped", () => {
    const ks = entry("khai-sinh-dang-ky");
    const d = assistant().respond({ kind: "text", text: detailPayload("giayto", ks.title) }, {});
    expect(d.replies[0]?.text).toContain("Giấy tờ cần chuẩn bị — Đăng ký khai sinh");
    expect(d.replies[0]?.text).toContain(`1. ${ks.procedure?.documents[0]}`);
    expect(d.replies[0]?.buttons?.map((b) => b.title)).not.toContain("Giấy tờ cần chuẩn bị");
  });

  it("offers up to three numbered options when unsure, and a typed number picks one (recorded as feedback)", () => {
    const a = assistant(suggesting);
    const first = a.respond({ kind: "text", text: "lam the can cuoc" }, {});
    expect(first.query?.band).toBe("suggest");
    expect(first.rememberSuggestions).toEqual(["cccd-cap-lan-dau", "cccd-cap-doi", "cccd-cap-lai"]);
    expect(first.replies[0]?.text).toMatch(/1\. Cấp thẻ căn cước lần đầu\n2\. /);
    const state = { suggestions: { queryId: 41, ids: first.rememberSuggestions ?? [] } };
    const second = a.respond({ kind: "text", text: "2" }, state);
    expect(second.query?.matchedId).toBe("cccd-cap-doi");
    expect(second.choice).toEqual({ queryId: 41, entryId: "cccd-cap-doi" });
    expect(second.state.suggestions).toBeUndefined();
    const tapped = a.respond({ kind: "text", text: String(first.replies[0]?.buttons?.[2]?.kind === "query" && first.replies[0].buttons[2].payload) }, state);
    expect(tapped.choice).toEqual({ queryId: 41, entryId: "cccd-cap-lai" });
  });

  it("falls back honestly with the national portal and a cán bộ when nothing fits", () => {
    const d = assistant(nothing).respond({ kind: "text", text: "giá vàng hôm nay" }, {});
    expect(d.query).toMatchObject({ band: "fallback", outcome: "fallback" });
    expect(d.replies[0]?.text).toMatch(/chưa tìm được câu trả lời/);
    expect(d.replies[0]?.buttons).toEqual(expect.arrayContaining([{ kind: "url", title: "Cổng Dịch vụ công", url: "https://dichvucong.gov.vn" }]));
  });

  it("hands over when the citizen asks for a cán bộ, in any spelling, to the team of the last topic", () => {
    for (const text of ["gặp cán bộ", "toi muon gap can bo", "Gặp cán bộ"]) {
      const d = assistant().respond({ kind: "text", text }, { ...known, lastTopic: "dat-dai" });
      expect(d.handoff).toMatchObject({ reason: "asked", topic: "dat-dai", lead: "Trợ lý đã chuyển yêu cầu của anh/chị tới cán bộ." });
      expect(d.replies).toEqual([]);
    }
  });

  it("hands over after two failures in a row: a fallback, then an ignored suggestion list", () => {
    const first = assistant(nothing).respond({ kind: "text", text: "abc xyz" }, known);
    expect(first.handoff).toBeUndefined();
    expect(first.state.failures).toBe(1);
    const listed = assistant(suggesting).respond({ kind: "text", text: "lam the" }, { ...first.state, failures: 0 });
    const ignored = assistant(nothing).respond({ kind: "text", text: "cái khác cơ" }, listed.state);
    expect(ignored.handoff?.reason).toBe("repeated_failure");
  });

  it("does not hand over after one failure followed by an answer", () => {
    const first = assistant(nothing).respond({ kind: "text", text: "abc xyz" }, known);
    const second = assistant(answering("tam-tru-dang-ky")).respond({ kind: "text", text: "tam tru" }, first.state);
    expect(second.handoff).toBeUndefined();
    expect(second.state.failures).toBe(0);
  });

  it("answers a complaint and hands it over, as its entry says (handoff: always)", () => {
    const d = assistant(answering("khieu-nai-khieu-nai-to-cao")).respond({ kind: "text", text: "tôi muốn khiếu nại" }, known);
    expect(d.replies).toHaveLength(1);
    expect(d.handoff).toEqual({ reason: "entry_always", topic: "khieu-nai" });
  });

  it("offers a cán bộ under an entry with handoff: offer, and a yes hands over", () => {
    const d = assistant(answering("thanh-toan-loi-giao-dich")).respond({ kind: "text", text: "bị trừ tiền mà chưa nhận" }, known);
    expect(d.replies[0]?.text).toMatch(/trả lời "có" để được chuyển/);
    const yes = assistant().respond({ kind: "text", text: "có" }, d.state);
    expect(yes.handoff?.reason).toBe("entry_offer_accepted");
  });

  it("answers the best entry and offers a close sibling as a button", () => {
    const d = assistant(answering("khai-sinh-dang-ky", ["khai-sinh-lien-thong"])).respond({ kind: "text", text: "lam giay khai sinh cho con" }, known);
    expect(d.query?.matchedId).toBe("khai-sinh-dang-ky");
    expect(d.replies).toHaveLength(2);
    expect(d.replies[1]?.text).toMatch(/^Có phải anh\/chị hỏi: /);
    const sibling = d.replies[1]?.buttons?.[0];
    const tapped = assistant().respond({ kind: "text", text: sibling?.kind === "query" ? sibling.payload : "" }, d.state);
    expect(tapped.query?.matchedId).toBe("khai-sinh-lien-thong");
  });

  it("says honestly what it cannot help with when the question is out of scope", () => {
    const oos: Matcher = { match: () => ({ band: "fallback", top: null, suggestions: [], confidence: 0, reason: "out_of_scope", outOfScopeSubject: "Facebook" }) };
    const d = assistant(oos).respond({ kind: "text", text: "quên mật khẩu facebook" }, known);
    expect(d.query?.outcome).toBe("out_of_scope");
    expect(d.replies[0]?.text).toMatch(/về Facebook nằm ngoài phạm vi/);
    expect(d.replies[0]?.buttons?.map((b) => b.title)).toContain("Gặp cán bộ");
  });

  it("tells a new citizen once, in the first reply, what is kept and where to read more", () => {
    const first = assistant(nothing).respond({ kind: "text", text: "abc" }, {});
    expect(first.replies[0]?.text).toContain("https://troly.example/privacy");
    const second = assistant(nothing).respond({ kind: "text", text: "abc" }, { ...first.state, failures: 0 });
    expect(second.replies[0]?.text).not.toContain("privacy");
    expect(assistant().respond({ kind: "follow" }, first.state).replies[0]?.text).toContain("https://troly.example/privacy");
  });

  it("takes a rating of the cán bộ's service from the closing message's buttons", () => {
    const d = assistant().respond({ kind: "text", text: "Hài lòng với cán bộ 👍" }, known);
    expect(d.rating).toBe("up");
  });

  it("counts a 👍 or 👎 tapped under a detail for that entry, and offers a cán bộ after a 👎", () => {
    const ks = entry("khai-sinh-dang-ky");
    const payload = (title: string) => (assistant().respond({ kind: "text", text: detailPayload("giayto", ks.title) }, known).replies[0]?.buttons ?? []).find((b) => b.title === title);
    const down = payload("👎 Chưa đúng ý");
    const d = assistant().respond({ kind: "text", text: down && "payload" in down ? down.payload : "" }, known);
    expect(d.query).toMatchObject({ band: "command", matchedId: "khai-sinh-dang-ky", outcome: "rated:down" });
    expect(d.replies[0]?.text).toContain('chưa đúng ý anh/chị');
    expect(assistant().respond({ kind: "text", text: "có" }, d.state).handoff?.reason).toBe("entry_offer_accepted");
    const up = payload("👍 Hữu ích");
    const u = assistant().respond({ kind: "text", text: up && "payload" in up ? up.payload : "" }, known);
    expect(u.query).toMatchObject({ matchedId: "khai-sinh-dang-ky", outcome: "rated:up" });
    expect(u.state.offeredHandoff).toBeUndefined();
  });

  it("says which public matter it has no guidance on before offering the nearest procedures", () => {
    const d = assistant().respond({ kind: "text", text: "Tôi muốn đổi họ cho con theo họ mẹ trên giấy khai sinh thì làm thế nào?" }, known);
    expect(d.query?.band).not.toBe("answer");
    expect(d.replies[0]?.text).toMatch(/^Trợ lý chưa có hướng dẫn về thay đổi, cải chính hộ tịch: việc này anh\/chị nên hỏi cán bộ/);
    expect(d.replies[0]?.buttons?.map((b) => b.title)).toContain("Gặp cán bộ");
  });

  it("explains it reads text only when a citizen sends a picture", () => {
    const d = assistant().respond({ kind: "non_text", what: "image" }, {});
    expect(d.replies[0]?.text).toMatch(/tin nhắn chữ/);
  });
});
