import { describe, expect, it } from "vitest";
import { intervals, wilson } from "../../src/cli/eval.js";

describe("evaluation intervals", () => {
  it("gives the Wilson 95% interval of a rate", () => {
    const [lo, hi] = wilson(62, 138);
    expect(lo).toBeCloseTo(0.3688, 4);
    expect(hi).toBeCloseTo(0.5325, 4);
  });

  it("stays inside 0..1 at the edges, and is wide for few questions", () => {
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it("reports answered and wrong per form", () => {
    const s = { inScope: 138, top1: 113, answered: 62, helpful: 128, wrong: 4, oos: 78, oosSafe: 70, oosFallback: 4, askNotCovered: 43, askNotCoveredSafe: 35 };
    const line = intervals({ accented: s, plain: s, chat: s });
    expect(line).toContain("answered accented 36.9–53.3%");
    expect(line).toContain("wrong accented 1.1–7.2%");
  });
});
