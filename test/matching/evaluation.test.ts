import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, FORMS, readEvalSet, type EvalCase } from "../../src/cli/eval.js";
import { loadConfig } from "../../src/config.js";
import { loadLiveMatcher, type LiveKnowledge } from "../../src/knowledge/live-matcher.js";

/** A regression guard on the labelled set: the targets, per form, with the live engine. */
let cases: EvalCase[];
let live: LiveKnowledge;
beforeAll(async () => {
  cases = await readEvalSet(path.join("test", "fixtures", "eval"));
  live = await loadLiveMatcher(loadConfig({ NODE_ENV: "test" }));
});

describe("evaluation targets", () => {
  it("has at least 300 in-scope and 50 out-of-scope questions covering every entry", () => {
    expect(cases.filter((c) => c.expected !== null).length).toBeGreaterThanOrEqual(300);
    expect(cases.filter((c) => c.expected === null).length).toBeGreaterThanOrEqual(50);
    const ids = new Set(live.entries.map((e) => e.id));
    expect(new Set(cases.map((c) => c.expected).filter((e): e is string => e !== null))).toEqual(ids);
  });

  it.each(FORMS)("top-1 ≥ 90%, wrong answers ≤ 2%, out-of-scope answered with an entry ≤ 10% (%s)", (form) => {
    const score = evaluate(cases, (q) => live.matcher.match(q))[form];
    expect(score.top1 / score.inScope).toBeGreaterThanOrEqual(0.9);
    expect(score.wrong / score.inScope).toBeLessThanOrEqual(0.02);
    expect(1 - score.oosSafe / score.oos).toBeLessThanOrEqual(0.1);
  });
});
