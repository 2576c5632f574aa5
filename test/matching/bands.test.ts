import { describe, expect, it } from "vitest";
import { decideBand, type BandInput, type Candidate } from "../../src/matching/index.js";

const t = { answer: 0.8, suggest: 0.4, margin: 0.05 };
const c = (id: string, score: number, topic = "t"): Candidate => ({ id, kind: "entry", topic, title: id, score });
const input = (ranked: Candidate[], confidence: number, top3 = 0.9, extra: Partial<BandInput> = {}): BandInput => ({ ranked, confidence, top3, ...extra });

describe("bands", () => {
  it("answers when the calibrated confidence reaches the answer threshold", () => {
    const r = decideBand(input([c("a", 0.8, "x"), c("b", 0.5, "y")], 0.93), t);
    expect(r).toMatchObject({ band: "answer", top: { id: "a" }, suggestions: [], confidence: 0.93, reason: "confident" });
  });

  it("answers with a close sibling (same topic) as an alternative, at most two", () => {
    const r = decideBand(input([c("a", 0.8), c("b", 0.78), c("c", 0.77), c("d", 0.76)], 0.85), t);
    expect(r.band).toBe("answer");
    expect(r.reason).toBe("sibling");
    expect(r.suggestions.map((s) => s.id)).toEqual(["b", "c"]);
  });

  it("does not offer an entry of another topic, or a distant sibling, as an alternative", () => {
    const r = decideBand(input([c("a", 0.8, "x"), c("b", 0.79, "y"), c("c", 0.6, "x")], 0.85), t);
    expect(r).toMatchObject({ band: "answer", suggestions: [], reason: "confident" });
  });

  it("suggests the first three entries when unsure but the right one is probably among them", () => {
    const r = decideBand(input([c("a", 0.5), c("b", 0.45, "y"), c("c", 0.4), c("d", 0.3)], 0.5, 0.7), t);
    expect(r).toMatchObject({ band: "suggest", reason: "ambiguous" });
    expect(r.suggestions.map((s) => s.id)).toEqual(["a", "b", "c"]);
  });

  it("falls back when even the top three are unlikely, and with no candidate at all", () => {
    expect(decideBand(input([c("a", 0.2)], 0.1, 0.2), t)).toMatchObject({ band: "fallback", reason: "low_confidence", suggestions: [] });
    expect(decideBand(input([], 0, 0), t)).toEqual({ band: "fallback", top: null, suggestions: [], confidence: 0, reason: "no_match" });
  });

  it("honours a per-entry answer threshold and not_about phrases", () => {
    expect(decideBand(input([c("a", 0.8)], 0.85, 0.9, { answerAt: 0.9 }), t).band).toBe("suggest");
    expect(decideBand(input([c("a", 0.8)], 0.99, 0.1, { notAbout: true }), t)).toMatchObject({ band: "suggest", reason: "not_about" });
  });
});
