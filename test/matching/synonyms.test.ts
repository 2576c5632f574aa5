import { describe, expect, it } from "vitest";
import { parseSynonyms } from "../../src/matching/index.js";
import { analyse } from "../../src/matching/features.js";
import { compileSynonyms } from "../../src/matching/synonyms.js";

const table = parseSynonyms({
  replace: [
    { say: ["cccd"], means: "căn cước công dân" },
    { say: ["ko", "k", "hok"], means: "không" },
    { say: ["đk"], means: ["đăng ký", "được"] },
    { say: ["a"], means: "anh" },
  ],
  add: [{ say: ["sổ đỏ", "sổ hồng"], means: "giấy chứng nhận quyền sử dụng đất" }],
  filler: ["cho em hỏi"],
  units: { t: "tuổi" },
});
const opts = { synonyms: compileSynonyms(table), accents: true, bigrams: true };
const readings = (text: string) =>
  analyse(text, opts).positions.map((p) => p.alts.map((a) => a.toks.map((t) => t.acc).join(" ")));

describe("synonym table", () => {
  it("expands abbreviations to their canonical words", () => {
    expect(readings("làm cccd ở đâu")).toEqual([["làm"], ["căn cước công dân"], ["ở"], ["đâu"]]);
  });

  it("accepts every spelling listed for a rule (teen code)", () => {
    expect(readings("được ko")[1]).toEqual(["không"]);
    expect(readings("được k")[1]).toEqual(["không"]);
    expect(readings("được hok")[1]).toEqual(["không"]);
  });

  it("only matches whole syllables, never inside a word", () => {
    expect(readings("kết hôn")).toEqual([["kết"], ["hôn"]]);
  });

  it("keeps every reading of an ambiguous short form, each weighted lower", () => {
    const p = analyse("đk khai sinh", opts).positions[0];
    expect(p?.alts.map((a) => a.toks.map((t) => t.acc).join(" "))).toEqual(["đăng ký", "được"]);
    expect(p?.alts[0]?.weight).toBeLessThan(1);
  });

  it("matches a key typed without diacritics, and đ typed as d", () => {
    expect(readings("so do")[0]).toEqual(["so do", "giấy chứng nhận quyền sử dụng đất"]);
    expect(readings("dk")[0]).toEqual(["đăng ký", "được"]);
  });

  it("does not confuse differently accented words with a key (số đó is not sổ đỏ, ạ is not a)", () => {
    expect(readings("số đó")).toEqual([["số"], ["đó"]]);
    expect(readings("ạ")).toEqual([["ạ"]]);
    expect(readings("a")).toEqual([["anh"]]);
  });

  it("adds the canonical name of a colloquial term and keeps the original", () => {
    expect(readings("sổ hồng")[0]).toEqual(["sổ hồng", "giấy chứng nhận quyền sử dụng đất"]);
  });

  it("marks politeness formulas as filler", () => {
    expect(analyse("cho em hỏi làm cccd", opts).positions[0]?.filler).toBe(true);
  });

  it("reads a unit only right after a number", () => {
    expect(readings("con 10t")[2]).toEqual(["tuổi"]);
  });

  it("accepts a missing or empty file as an empty table and rejects a malformed one", () => {
    expect(parseSynonyms(null)).toEqual({ replace: [], add: [], filler: [], units: {}, out_of_scope: [] });
    expect(() => parseSynonyms({ replace: [{ say: "x" }] })).toThrow();
  });
});
