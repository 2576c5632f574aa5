import { describe, expect, it } from "vitest";
import { decideBand, type Candidate } from "../../src/matching/index.js";

const t = { answer: 0.6, suggest: 0.3, margin: 0.1 };
const c = (id: string, score: number, kind: Candidate["kind"] = "entry"): Candidate => ({
  id,
  kind,
  topic: kind === "entry" ? "t" : null,
  title: id,
  score,
});

describe("bands", () => {
  it("answers when the top score is high and clearly ahead", () => {
    const r = decideBand([c("a", 0.8), c("b", 0.5)], t);
    expect(r.band).toBe("answer");
    expect(r.top?.id).toBe("a");
    expect(r.suggestions).toEqual([]);
  });

  it("suggests when two candidates are too close to tell apart", () => {
    const r = decideBand([c("a", 0.8), c("b", 0.75), c("c", 0.4), c("d", 0.35)], t);
    expect(r.band).toBe("suggest");
    expect(r.suggestions.map((s) => s.id)).toEqual(["a", "b", "c"]);
  });

  it("suggests when the top score is below the answer threshold", () => {
    expect(decideBand([c("a", 0.5)], t).band).toBe("suggest");
  });

  it("falls back below the floor, and with no candidate at all", () => {
    expect(decideBand([c("a", 0.2)], t).band).toBe("fallback");
    expect(decideBand([], t)).toEqual({ band: "fallback", top: null, suggestions: [] });
  });

  it("honours a per-entry answer threshold", () => {
    const strict = (x: Candidate) => (x.id === "a" ? 0.9 : undefined);
    expect(decideBand([c("a", 0.8), c("b", 0.2)], t, strict).band).toBe("suggest");
  });

  it("never offers an intent as a suggestion button", () => {
    const r = decideBand([c("thanks", 0.5, "intent"), c("a", 0.45)], t);
    expect(r.band).toBe("suggest");
    expect(r.suggestions.map((s) => s.id)).toEqual(["a"]);
    expect(decideBand([c("thanks", 0.5, "intent")], t).band).toBe("fallback");
  });

  it("answers with an intent that is close only to another intent", () => {
    const r = decideBand([c("greeting", 0.9, "intent"), c("goodbye", 0.85, "intent"), c("a", 0.3)], t);
    expect(r.band).toBe("answer");
    expect(r.top?.id).toBe("greeting");
    expect(decideBand([c("greeting", 0.9, "intent"), c("a", 0.85)], t).band).toBe("suggest");
  });

  it("answers with an intent like any other candidate", () => {
    const r = decideBand([c("greeting", 0.9, "intent"), c("a", 0.3)], t);
    expect(r.band).toBe("answer");
    expect(r.top?.kind).toBe("intent");
  });
});
