import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readEvalSet } from "../../src/cli/eval-sets.js";
import { loadConfig } from "../../src/config.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { liveThresholds, matcherInputFor } from "../../src/knowledge/live-matcher.js";
import { splitSentences } from "../../src/matching/features.js";
import { createMatcher, type EngineMatcher } from "../../src/matching/index.js";

/** The decisions the conversation layer relies on, with the live knowledge base and calibration. */
let m: EngineMatcher;
beforeAll(async () => {
  const config = loadConfig({ NODE_ENV: "test" });
  m = createMatcher(matcherInputFor(await loadKnowledgeBase(config), liveThresholds(config)));
});

describe("no saturation: two exact hits are still ordered", () => {
  it('answers "tạm trú" with temporary residence, ahead of the household-register entry', () => {
    const r = m.match("tạm trú");
    expect(r).toMatchObject({ band: "answer", top: { id: "tam-tru-dang-ky" } });
    const [a, b] = m.rank("tạm trú");
    expect(a?.score).toBeGreaterThan(b?.score ?? 1);
  });

  it('answers "sổ đỏ" with a land entry and never offers a CCCD entry', () => {
    for (const q of ["sổ đỏ", "so do"]) {
      const r = m.match(q);
      expect(r.band).toBe("answer");
      expect(r.top?.topic).toBe("dat-dai");
      expect(r.suggestions.some((s) => s.topic === "cccd")).toBe(false);
    }
  });

  it('does not answer "trích lục khai sinh" with death registration', () => {
    expect(m.match("trích lục khai sinh").top?.id).not.toBe("khai-tu-dang-ky");
  });
});

describe("sentence focus on long letters", () => {
  it("splits a letter into sentences and finds the question sentence", () => {
    const s = splitSentences("Kính gửi luật sư. Tôi ở TP.HCM, nhà gần chợ. Xin hỏi làm giấy khai sinh ở đâu?Em cảm ơn");
    expect(s.map((x) => x.question)).toEqual([false, false, true, false]);
    expect(s[1]?.text).toContain("TP.HCM");
    expect(splitSentences("đổi bằng lái xe được không")[0]?.question).toBe(true);
  });

  it("answers the question sentence, not the story around it", () => {
    const letter =
      "Kính gửi luật sư. Gia đình tôi ở xã Yên Bình, năm ngoái tôi đã đi làm căn cước cho cả nhà và đăng ký tạm trú cho em trai. " +
      "Nay vợ tôi vừa sinh cháu thứ hai được một tuần. Xin hỏi làm giấy khai sinh cho cháu thì cần giấy tờ gì? Xin cảm ơn luật sư.";
    expect(m.rank(letter)[0]?.id).toBe("khai-sinh-dang-ky");
  });
});

describe("answer with alternatives", () => {
  it("offers at most two alternatives, always siblings of the answer (same topic)", async () => {
    const cases = await readEvalSet(path.join("test", "fixtures", "eval"));
    let withAlternatives = 0;
    for (const c of cases) {
      const r = m.match(c.accented);
      if (r.band !== "answer" || r.suggestions.length === 0) continue;
      withAlternatives++;
      expect(r.reason).toBe("sibling");
      expect(r.suggestions.length).toBeLessThanOrEqual(2);
      for (const s of r.suggestions) expect(s.topic).toBe(r.top?.topic);
    }
    expect(withAlternatives).toBeGreaterThanOrEqual(0);
  });
});

describe("intents win when the message is mostly theirs", () => {
  it.each(["gặp cán bộ", "Gặp cán bộ", "gap can bo", "toi muon gap can bo", "cho tôi nói chuyện với người thật", "ad ơi", "tư vấn viên", "cần người hỗ trợ"])(
    "hands over on «%s»",
    (q) => {
      expect(m.match(q)).toMatchObject({ band: "answer", top: { kind: "intent", id: "ask-human" }, reason: "intent" });
    },
  );

  it.each(["không đúng", "chưa giúp được gì", "sai rồi", "không phải cái tôi hỏi", "vẫn chưa hiểu"])("hears «%s» as not helpful", (q) => {
    expect(m.match(q)).toMatchObject({ band: "answer", top: { kind: "intent", id: "not-helpful" } });
  });

  it("recognises greetings, thanks and abuse, but not a question that only ends with thanks", () => {
    expect(m.match("xin chào").top?.id).toBe("greeting");
    expect(m.match("cảm ơn nhé").top?.id).toBe("thanks");
    expect(m.match("bot ngu quá").top?.id).toBe("abuse");
    const r = m.match("Cho em hỏi làm giấy khai sinh cho con ở đâu ạ, em cảm ơn");
    expect(r.top).toMatchObject({ kind: "entry", id: "khai-sinh-dang-ky" });
  });
});

describe("out of scope", () => {
  it.each(["quên mật khẩu Facebook", "quen mat khau fb"])("says honestly that «%s» is not covered", (q) => {
    const r = m.match(q);
    expect(r).toMatchObject({ band: "fallback", reason: "out_of_scope", outOfScopeSubject: "Facebook", suggestions: [] });
  });

  it("keeps a public-service question that merely mentions such a subject", () => {
    const r = m.match("Bán hàng online trên Facebook có phải lập hộ kinh doanh không?");
    expect(r.reason).not.toBe("out_of_scope");
    expect(r.top?.id).toBe("ho-kinh-doanh-dang-ky");
  });

  it("does not answer with a neighbouring entry a letter about a public matter no entry covers", () => {
    const r = m.match("Vợ chồng tôi đã ly hôn, con ở với tôi. Tôi muốn đổi họ cho con theo họ mẹ trên giấy khai sinh thì làm thế nào?");
    expect(r.band).not.toBe("answer");
    expect(r).toMatchObject({ reason: "not_about", outOfScopeSubject: "thay đổi, cải chính hộ tịch" });
    expect(m.match("Đăng ký khai sinh cho con cần giấy tờ gì?")).toMatchObject({ band: "answer", top: { id: "khai-sinh-dang-ky" } });
  });

  it("gives a probability as confidence", () => {
    for (const q of ["đổi bằng lái xe hết hạn", "giá vàng hôm nay", "tạm trú"]) {
      const c = m.match(q).confidence;
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThanOrEqual(1);
    }
  });
});
