import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { evaluate, FORMS, notOurServices, readEvalSet, readRealSet, type EvalCase } from "../../src/cli/eval.js";
import { loadConfig } from "../../src/config.js";
import { loadLiveMatcher, type LiveKnowledge } from "../../src/knowledge/live-matcher.js";
import { TOPICS } from "../../src/knowledge/topics.js";

/**
 * Regression guard: the targets, per form, with the live engine. The labelled set was written by
 * the team (and is also fitting data); the real set's held-out part (eval-sets.ts: odd FNV-1a hash of the
 * question) was never used for a choice, so its figures are the honest ones.
 */
const real = await readRealSet(path.join("test", "fixtures", "eval", "real"));
const heldOut = real.filter((c) => c.part === "held-out");

let cases: EvalCase[];
let live: LiveKnowledge;
beforeAll(async () => {
  cases = await readEvalSet(path.join("test", "fixtures", "eval"));
  live = await loadLiveMatcher(loadConfig({ NODE_ENV: "test" }));
});

describe("labelled set", () => {
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

/**
 * The issue asks for ≥ 300 real questions and, on held-out, answered-right ≥ 75% / 70%, helpful ≥ 92%,
 * wrong ≤ 3%, out-of-scope answered ≤ 5%. Helpful and wrong are met and asserted, and so is ≤ 5% for
 * out-of-scope questions that are not about the services we cover. Answered-right, and out-of-scope
 * counted with the asks our entries do not answer, are not reached yet (todo below): what is asserted
 * for them are floors at today's measured held-out figures (463 questions since 2026-12-02), so a
 * change that makes real questions worse turns CI red.
 */
const REAL_COLLECTED = 463;
const HELD_OUT_FLOORS = {
  answered: { accented: 0.44, plain: 0.42, chat: 0.41 },
  helpful: 0.92,
  wrong: 0.03,
  oosAnswered: 0.11,
  notOurServicesAnswered: 0.05,
};

describe("real set", () => {
  it("keeps every collected question, each with a source and a valid label, no topic above 15%", () => {
    expect(real.length).toBeGreaterThanOrEqual(REAL_COLLECTED);
    expect(real.filter((c) => !/^https?:\/\//.test(c.source ?? "")).map((c) => c.file)).toEqual([]);
    const byTopic = new Map<string, number>();
    for (const c of real) if (c.topic && c.topic !== "none") byTopic.set(c.topic, (byTopic.get(c.topic) ?? 0) + 1);
    const tooLarge = [...byTopic].filter(([, n]) => n / real.length > 0.15).map(([t]) => t);
    expect(tooLarge).toEqual([]);
    const ids = new Set(live.entries.map((e) => e.id));
    expect(real.filter((c) => c.expected !== null && !ids.has(c.expected)).map((c) => c.file)).toEqual([]);
  });

  it("is split about evenly into dev and held-out", () => {
    expect(Math.abs(heldOut.length / Math.max(1, real.length) - 0.5)).toBeLessThanOrEqual(0.1);
  });

  it(`has at least 300 questions with every one of the ${TOPICS.length} topics present`, () => {
    expect(real.length).toBeGreaterThanOrEqual(300);
    const present = new Set(real.map((c) => c.topic));
    expect(TOPICS.filter((t) => !present.has(t))).toEqual([]);
  });
  it.todo("held-out: answered directly and right ≥ 75% accented / 70% otherwise, out-of-scope answered ≤ 5% counting asks no entry answers");

  it.each(FORMS)("held-out does not fall below today's figures (%s)", (form) => {
    const s = evaluate(heldOut, (q) => live.matcher.match(q))[form];
    expect(s.answered / s.inScope).toBeGreaterThanOrEqual(HELD_OUT_FLOORS.answered[form]);
    expect(s.helpful / s.inScope).toBeGreaterThanOrEqual(HELD_OUT_FLOORS.helpful);
    expect(s.wrong / s.inScope).toBeLessThanOrEqual(HELD_OUT_FLOORS.wrong);
    expect(1 - s.oosSafe / s.oos).toBeLessThanOrEqual(HELD_OUT_FLOORS.oosAnswered);
    const other = notOurServices(s);
    expect(other.oos).toBeGreaterThan(20);
    expect(1 - other.safe / other.oos).toBeLessThanOrEqual(HELD_OUT_FLOORS.notOurServicesAnswered);
  });
});
