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

function assistant(matcher?: Matcher, now = () => 1_000) {
  return new Assistant({
    matcher: matcher ?? live.matcher, entries: live.entries, intents: live.kb.intents,
    renderer: new AnswerRenderer(live.kb.province), nationalPortalUrl: "https://dichvucong.gov.vn", now,
  });
}

const suggesting: Matcher = {
  match: () => {
    const options = [entry("cccd-cap-lan-dau"), entry("cccd-cap-doi"), entry("cccd-cap-lai")];
    return { band: "suggest", top: candidate(options[0] as KnowledgeEntry, 0.4), suggestions: options.map((e, i) => candidate(e, 0.4 - i * 0.01)) };
  },
};
const nothing: Matcher = { match: () => ({ band: "fallback", top: null, suggestions: [] }) };

describe("assistant", () => {
  it("greets a new follower with a menu of common procedures and a way to reach a cán bộ", () => {
    const d = assistant().respond({ kind: "follow" }, {});
    expect(d.replies).toHaveLength(1);
    expect(d.replies[0]?.buttons?.map((b) => b.title)).toContain("Gặp cán bộ");
    expect(d.replies[0]?.buttons?.length).toBeGreaterThanOrEqual(3);
  });

  it("answers a clear question with the entry, its source and date, and buttons for the details", () => {
    const d = assistant().respond({ kind: "text", text: "thủ tục đăng ký khai sinh cho con cần giấy tờ gì" }, {});
    expect(d.query).toMatchObject({ band: "answer", matchedId: "khai-sinh-dang-ky", outcome: "answered" });
    expect(d.replies[0]?.text).toMatch(/Nguồn: .+Kiểm tra ngày 23\/11\/2026\./);
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

  it("records a request for a cán bộ", () => {
    const d = assistant().respond({ kind: "text", text: "cho tôi gặp cán bộ" }, {});
    expect(d.query?.outcome).toBe("handoff_requested");
    expect(d.state.handoffRequestedAt).toBe(1_000);
  });

  it("stays quiet while a cán bộ is answering from OA Manager, but still logs the query", () => {
    const d = assistant(undefined, () => 1_000).respond({ kind: "text", text: "làm hộ chiếu" }, { humanActiveUntil: 5_000 });
    expect(d.replies).toEqual([]);
    expect(d.query?.outcome).toBe("human_active");
  });

  it("explains it reads text only when a citizen sends a picture", () => {
    const d = assistant().respond({ kind: "non_text", what: "image" }, {});
    expect(d.replies[0]?.text).toMatch(/tin nhắn chữ/);
  });
});
