import { describe, expect, it } from "vitest";
import { canonicalTone, fold, normaliseText, syllables } from "../../src/matching/index.js";

describe("normalisation", () => {
  it("treats composed (NFC) and decomposed (NFD) input as the same text", () => {
    const nfc = "Đăng ký thường trú".normalize("NFC");
    const nfd = "Đăng ký thường trú".normalize("NFD");
    expect(nfd).not.toBe(nfc);
    expect(normaliseText(nfd)).toBe(normaliseText(nfc));
    expect(normaliseText(nfd)).toBe("đăng ký thường trú");
  });

  it("puts old- and new-style tone marks in one place (hòa/hoà, thúy/thuý, khỏe/khoẻ)", () => {
    expect(canonicalTone("hòa")).toBe(canonicalTone("hoà"));
    expect(canonicalTone("thúy")).toBe(canonicalTone("thuý"));
    expect(canonicalTone("khỏe")).toBe(canonicalTone("khoẻ"));
    expect(canonicalTone("ủy")).toBe("uỷ");
    expect(normaliseText("Ủy ban hòa giải")).toBe(normaliseText("Uỷ ban hoà giải"));
  });

  it("leaves syllables whose tone position is not in question alone", () => {
    for (const s of ["quý", "hoàng", "của", "quỷ", "giữ"]) expect(canonicalTone(s)).toBe(s);
  });

  it("folds every diacritic, including đ, which has no Unicode decomposition", () => {
    expect(fold("Đăng ký đường Đồng Tháp")).toBe("Dang ky duong Dong Thap");
    expect(fold("căn cước công dân".normalize("NFD"))).toBe("can cuoc cong dan");
  });

  it("lower-cases and drops punctuation, emoji and links", () => {
    expect(normaliseText("Làm CCCD ở đâu??? 😭🙏 xem https://dichvucong.gov.vn nhé!")).toBe("làm cccd ở đâu xem nhé");
  });

  it("keeps the accented and the folded form of each syllable", () => {
    expect(syllables("Sổ đỏ")).toEqual([
      { acc: "sổ", fold: "so", exact: "~sổ" },
      { acc: "đỏ", fold: "do", exact: "~đỏ" },
    ]);
  });

  it("splits a number glued to its unit (10t, 3tr)", () => {
    expect(syllables("con 10t").map((s) => s.acc)).toEqual(["con", "10", "t"]);
    expect(syllables("mức 2").map((s) => s.acc)).toEqual(["mức", "2"]);
  });
});
