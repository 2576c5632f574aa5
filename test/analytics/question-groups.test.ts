import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { shareableGroups } from "../../src/analytics/privacy.js";
import { groupQuestions, type GroupableQuery } from "../../src/analytics/question-groups.js";
import { questionTokens } from "../../src/analytics/question-tokens.js";
import { parseSynonyms } from "../../src/matching/index.js";

const tokens = questionTokens(parseSynonyms(parse(readFileSync("knowledge/synonyms.yaml", "utf8"))));
let nextId = 1;
const q = (text: string, user: string, day = 1): GroupableQuery => ({ id: nextId++, text, userKey: user, createdAt: new Date(Date.UTC(2026, 9, day, 3)) });

describe("grouping similar questions", () => {
  it("puts a question typed without diacritics and with an abbreviation with its accented form", () => {
    const groups = groupQuestions([q("lam cccd o dau", "u1"), q("làm căn cước ở đâu", "u2"), q("Làm căn cước ở đâu?", "u3")], tokens);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, citizens: 3, label: "làm căn cước ở đâu" });
  });

  it("keeps different questions apart and orders groups by count", () => {
    const rows = [q("đăng ký khai sinh cần giấy tờ gì", "a"), q("dang ky khai sinh can giay to gi", "b"), q("lệ phí cấp đổi giấy phép lái xe", "c")];
    const groups = groupQuestions(rows, tokens);
    expect(groups.map((g) => g.count)).toEqual([2, 1]);
    expect(groups[1]?.label).toBe("lệ phí cấp đổi giấy phép lái xe");
  });

  it("records first and last time, ids, distinct citizens and the most common wordings", () => {
    const rows = [q("nộp thuế đất online", "a", 3), q("nop thue dat online", "a", 5), q("nộp thuế đất online", "b", 9), q("nộp thuế đất trực tuyến online", "c", 4)];
    const [g] = groupQuestions(rows, tokens, { maxExamples: 1 });
    expect(g).toMatchObject({ count: 4, citizens: 3, examples: ["nộp thuế đất online"] });
    expect(g?.firstSeen.getUTCDate()).toBe(3);
    expect(g?.lastSeen.getUTCDate()).toBe(9);
    expect(g?.queryIds).toEqual(rows.map((r) => r.id));
  });

  it("ignores politeness formulas and empty texts", () => {
    const groups = groupQuestions([q("cho em hỏi làm hộ chiếu", "a"), q("làm hộ chiếu", "b"), q("   ", "c")], tokens);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.count).toBe(2);
  });
});

describe("what an analyst may see of the groups", () => {
  it("shows a group and a wording only when at least three citizens wrote them", () => {
    const rows = [q("làm căn cước ở đâu", "a"), q("lam can cuoc o dau", "b"), q("làm căn cước ở đâu", "c"), q("làm căn cước ở đâu nhanh nhất xã Tân Sơn", "a"), q("lệ phí hộ chiếu", "a"), q("lệ phí hộ chiếu", "a"), q("lệ phí hộ chiếu", "b")];
    const visible = shareableGroups(groupQuestions(rows, tokens, { maxExamples: 5 }));
    expect(visible).toHaveLength(1);
    expect(visible[0]?.examples).toEqual(["làm căn cước ở đâu"]);
  });
});
