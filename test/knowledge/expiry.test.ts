import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { Assistant } from "../../src/conversation/assistant.js";
import { isExpired } from "../../src/knowledge/expiry.js";
import { loadLiveMatcher, type LiveKnowledge } from "../../src/knowledge/live-matcher.js";
import { AnswerRenderer } from "../../src/knowledge/render.js";

let live: LiveKnowledge;
beforeAll(async () => {
  live = await loadLiveMatcher(loadConfig({ NODE_ENV: "test" }));
});

const at = (day: string) => () => Date.parse(`${day}T10:00:00+07:00`);
const assistant = (now: () => number) =>
  new Assistant({ matcher: live.matcher, entries: live.entries, intents: live.kb.intents, renderer: new AnswerRenderer(live.kb.province), nationalPortalUrl: "https://dichvucong.gov.vn", privacyUrl: "https://x/privacy", now });
const known = { privacyNoticeShown: true };

describe("facts that expire", () => {
  it("marks each entry with the end of the last time-limited fee it quotes as current (TT 117/2026: 28/02/2027)", () => {
    const doi = live.entries.find((e) => e.id === "cccd-cap-doi");
    const truocBa = live.entries.find((e) => e.id === "thue-le-phi-truoc-ba");
    expect(doi?.valid_until).toBe("2027-02-28");
    expect(truocBa?.valid_until).toBe("2027-02-28");
  });

  it("quotes the fee as current up to valid_until, in Vietnam's time", () => {
    const doi = live.entries.find((e) => e.id === "cccd-cap-doi")!;
    expect(isExpired(doi, at("2027-02-28")())).toBe(false);
    expect(isExpired(doi, Date.parse("2027-02-28T17:30:00Z"))).toBe(true);
  });

  it("after valid_until says the information may have changed and offers a cán bộ instead of quoting it", () => {
    const before = assistant(at("2026-12-20")).respond({ kind: "text", text: "đổi thẻ căn cước hết bao nhiêu tiền" }, known);
    expect(before.query?.matchedId).toBe("cccd-cap-doi");
    expect(before.replies[0]?.text).toContain("25.000");
    const after = assistant(at("2027-03-02")).respond({ kind: "text", text: "đổi thẻ căn cước hết bao nhiêu tiền" }, known);
    expect(after.query).toMatchObject({ matchedId: "cccd-cap-doi", outcome: "expired" });
    expect(after.replies[0]?.text).toMatch(/có thể đã thay đổi/);
    expect(after.replies[0]?.text).not.toContain("25.000");
    expect(after.replies[0]?.buttons?.[0]?.title).toBe("Gặp cán bộ");
    const yes = assistant(at("2027-03-02")).respond({ kind: "text", text: "có" }, after.state);
    expect(yes.handoff?.reason).toBe("entry_offer_accepted");
  });
});
