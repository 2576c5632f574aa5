import { describe, expect, it } from "vitest";
import { imeDecodings, SyllableRepair, withinOneEdit } from "../../src/matching/repair.js";

const vocabulary = new Map([
  ["thu", 5],
  ["tuc", 5],
  ["can", 4],
  ["cuoc", 4],
  ["dang", 6],
  ["ky", 6],
  ["khai", 3],
  ["sinh", 3],
  ["thuong", 2],
  ["tru", 2],
]);
const repair = new SyllableRepair(vocabulary, (s) => vocabulary.has(s));

describe("typo and Telex repair", () => {
  it("decodes Telex and VNI keystrokes left in the text", () => {
    expect(imeDecodings("thur")).toContain("thu");
    expect(imeDecodings("cuwowcs")).toContain("cuoc");
    expect(imeDecodings("ddawng")).toContain("dang");
    expect(imeDecodings("tu5c")).toContain("tuc");
  });

  it("repairs unknown syllables towards known ones", () => {
    expect(repair.repair("tujc")).toBe("tuc");
    expect(repair.repair("kys")).toBe("ky");
    expect(repair.repair("sihn")).toBe("sinh");
    expect(repair.repair("thuogn")).toBe("thuong");
  });

  it("never changes a known syllable, a short one or one with no close neighbour", () => {
    expect(repair.repair("khai")).toBeUndefined();
    expect(repair.repair("tuk")).toBeUndefined();
    expect(repair.repair("facebook")).toBeUndefined();
  });

  it("measures one edit, including a transposition", () => {
    expect(withinOneEdit("sinh", "sihn")).toBe(true);
    expect(withinOneEdit("sinh", "sin")).toBe(true);
    expect(withinOneEdit("sinh", "xinhh")).toBe(false);
  });
});
