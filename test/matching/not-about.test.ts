import { describe, expect, it } from "vitest";
import { createMatcher, parseSynonyms } from "../../src/matching/index.js";

const entry = (id: string, questions: string[], notAbout?: string[]) => ({ id, topic: "ket-hon", title: id, questions, keywords: [], notAbout });

describe("per-entry not_about phrases", () => {
  const questions = ["thủ tục đăng ký kết hôn", "đăng ký kết hôn cần giấy tờ gì", "đã ly hôn thì đăng ký kết hôn lại thế nào"];
  const build = (notAbout?: string[]) =>
    createMatcher({ entries: [entry("ket-hon", questions, notAbout)], intents: [], synonyms: parseSynonyms([]), thresholds: { answer: 0.5, suggest: 0.2, margin: 0.1 } });

  it("never answers an entry directly when the question names what it is not about, with or without diacritics", () => {
    const withRule = build(["ly hôn"]);
    for (const q of ["thủ tục ly hôn", "thu tuc ly hon"]) {
      const r = withRule.match(q);
      expect(r.band).not.toBe("answer");
      expect(build().match(q).top?.id).toBe("ket-hon");
    }
  });

  it("still answers questions that do not name it, and matches whole syllables only", () => {
    const withRule = build(["ly hôn"]);
    expect(withRule.match("đăng ký kết hôn cần giấy tờ gì").band).toBe("answer");
    expect(withRule.match("đăng ký kết hôn cần giấy tờ gì, vợ tên Hồng").band).toBe("answer");
  });
});
