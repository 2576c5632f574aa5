import { describe, expect, it } from "vitest";
import { createMatcher, DEFAULT_THRESHOLDS, parseSynonyms, type MatcherInput } from "../../src/matching/index.js";

const input: MatcherInput = {
  entries: [
    {
      id: "khai-sinh-dang-ky",
      topic: "khai-sinh",
      title: "Đăng ký khai sinh",
      questions: [
        "Thủ tục làm giấy khai sinh cho con cần gì?",
        "đăng ký khai sinh cho bé ở đâu",
        "làm giấy khai sinh có mất phí không",
        "khai sinh cho trẻ mới sinh cần giấy tờ gì",
      ],
      keywords: ["khai sinh", "giấy khai sinh"],
    },
    {
      id: "khai-tu-dang-ky",
      topic: "khai-tu",
      title: "Đăng ký khai tử",
      questions: ["Người nhà mất thì làm giấy khai tử ở đâu?", "đăng ký khai tử cần giấy tờ gì", "khai tử có mất phí không"],
      keywords: ["khai tử", "giấy chứng tử"],
    },
    {
      id: "cccd-cap-lan-dau",
      topic: "cccd",
      title: "Cấp thẻ căn cước lần đầu",
      questions: ["Làm căn cước lần đầu cần mang gì?", "trẻ em làm thẻ căn cước ở đâu", "làm căn cước mất bao lâu"],
      keywords: ["căn cước", "làm căn cước lần đầu"],
    },
    {
      id: "gplx-doi",
      topic: "gplx",
      title: "Đổi giấy phép lái xe",
      questions: ["Đổi giấy phép lái xe hết hạn ở đâu?", "đổi bằng lái xe online được không", "giấy phép lái xe sắp hết hạn thì làm gì"],
      keywords: ["đổi giấy phép lái xe", "giấy phép lái xe hết hạn"],
      answerThreshold: 1,
    },
    {
      id: "dat-dai-cap-so",
      topic: "dat-dai",
      title: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu",
      questions: ["Làm giấy chứng nhận quyền sử dụng đất lần đầu ở đâu?", "đất chưa có giấy chứng nhận thì làm thế nào"],
      keywords: ["giấy chứng nhận quyền sử dụng đất"],
    },
    {
      id: "hoa-giai",
      topic: "khieu-nai",
      title: "Hoà giải ở cơ sở",
      questions: ["Muốn nhờ tổ hoà giải ở thôn thì làm sao?", "hoà giải tranh chấp hàng xóm ở đâu"],
      keywords: ["hoà giải"],
    },
  ],
  intents: [
    { id: "greeting", questions: ["xin chào", "chào bạn", "hello", "alo"] },
    { id: "thanks", questions: ["cảm ơn", "cảm ơn bạn nhiều", "thanks"] },
  ],
  synonyms: parseSynonyms({
    replace: [
      { say: ["cccd"], means: "căn cước công dân" },
      { say: ["ko", "k"], means: "không" },
      { say: ["ntn"], means: "như thế nào" },
      { say: ["e"], means: "em" },
      { say: ["j"], means: "gì" },
      { say: ["thanks"], means: "cảm ơn" },
      { say: ["hello"], means: "xin chào" },
    ],
    add: [
      { say: ["sổ đỏ"], means: "giấy chứng nhận quyền sử dụng đất" },
      { say: ["bằng lái"], means: "giấy phép lái xe" },
      { say: ["căn cước công dân"], means: "thẻ căn cước" },
    ],
    filler: ["cho em hỏi", "xin cảm ơn", "luật sư", "nhé"],
  }),
  thresholds: DEFAULT_THRESHOLDS,
};
const matcher = createMatcher(input);
const topOf = (q: string) => matcher.match(q).top?.id;

describe("matcher", () => {
  it("answers a full question with diacritics", () => {
    const r = matcher.match("Làm giấy khai sinh cho con ở đâu?");
    expect(r.band).toBe("answer");
    expect(r.top).toMatchObject({ id: "khai-sinh-dang-ky", kind: "entry", topic: "khai-sinh", title: "Đăng ký khai sinh" });
    expect(r.top?.score).toBeGreaterThan(0);
    expect(r.top?.score).toBeLessThanOrEqual(1);
  });

  it("answers the same question typed without diacritics", () => {
    expect(topOf("lam giay khai sinh cho con o dau")).toBe("khai-sinh-dang-ky");
  });

  it("understands chat style with abbreviations and teen code", () => {
    expect(topOf("e mun lam cccd lan dau can mang j")).toBe("cccd-cap-lan-dau");
  });

  it("repairs Telex leftovers and typos against the knowledge base's words", () => {
    expect(topOf("lamf giaays khai sinh cho con")).toBe("khai-sinh-dang-ky");
    expect(topOf("giay khia sinh cho con")).toBe("khai-sinh-dang-ky");
  });

  it("understands colloquial names (sổ đỏ, bằng lái)", () => {
    expect(topOf("làm sổ đỏ lần đầu ở đâu")).toBe("dat-dai-cap-so");
    expect(topOf("bang lai het han doi o dau")).toBe("gplx-doi");
  });

  it("lets accents decide when they disambiguate (khai tử vs khai sinh)", () => {
    expect(topOf("đăng ký khai tử ở đâu")).toBe("khai-tu-dang-ky");
  });

  it("matches old and new tone placement and decomposed Unicode alike", () => {
    const a = matcher.match("hòa giải tranh chấp ở đâu");
    const b = matcher.match("hoà giải tranh chấp ở đâu".normalize("NFD"));
    expect(a.top?.id).toBe("hoa-giai");
    expect(b.top?.id).toBe("hoa-giai");
    expect(b.top?.score).toBe(a.top?.score);
  });

  it("reads a long letter by its informative part", () => {
    const q = "Luật sư cho tôi hỏi, nhà tôi có mảnh đất ông bà để lại từ lâu, giờ muốn làm giấy chứng nhận quyền sử dụng đất lần đầu thì nộp ở đâu? Xin cảm ơn";
    expect(topOf(q)).toBe("dat-dai-cap-so");
  });

  it("routes conversational intents through the same engine", () => {
    const r = matcher.match("chào bạn");
    expect(r.top).toMatchObject({ id: "greeting", kind: "intent", topic: null });
    expect(matcher.match("cam on nhe").top?.id).toBe("thanks");
  });

  it("falls back on a question the knowledge base does not cover", () => {
    expect(matcher.match("giá vàng hôm nay bao nhiêu").band).not.toBe("answer");
    expect(matcher.match("thời tiết Hà Nội ngày mai").band).toBe("fallback");
    expect(matcher.match("").band).toBe("fallback");
    expect(matcher.match("😀😀 !!!").top).toBeNull();
  });

  it("suggests instead of answering when an entry demands more certainty", () => {
    const r = matcher.match("giấy phép lái xe của tôi hết hạn rồi, đổi ở đâu");
    expect(r.top?.id).toBe("gplx-doi");
    expect(r.band).toBe("suggest");
    expect(r.suggestions[0]?.id).toBe("gplx-doi");
  });

  it("gives every candidate a score between 0 and 1, best first", () => {
    const ranked = matcher.rank("khai sinh khai tử căn cước");
    expect(ranked.length).toBeGreaterThan(1);
    for (let i = 0; i < ranked.length; i++) {
      const s = ranked[i]?.score ?? -1;
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      if (i > 0) expect(s).toBeLessThanOrEqual(ranked[i - 1]?.score ?? 1);
    }
  });
});
