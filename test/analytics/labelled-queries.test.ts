import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenLabels, type LoggedQuery } from "../../src/analytics/labelled-queries.js";
import { pilotCases, readRealSet } from "../../src/cli/eval.js";
import { exportPilotSet } from "../../src/cli/pilot-export.js";
import type { Config } from "../../src/config.js";
import { loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { fold } from "../../src/matching/index.js";
import { decideGroup, unansweredGroups } from "../../src/knowledge/unanswered.js";
import type { Database } from "../../src/storage/database.js";
import { tempKnowledge } from "../helpers/knowledge.js";

const editor = { actor: { id: 1, username: "bien.tap" }, name: "Biên tập" };
const NOW = Date.parse("2026-12-02T08:00:00Z");
const at = (minute: number) => new Date(NOW - 60 * 60 * 1000 + minute * 60 * 1000);

let db: Database;
let config: Config;
let seq = 0;
async function log(userKey: string, text: string, outcome: string, extra: { matchedId?: string; chosenId?: string; band?: string } = {}) {
  seq++;
  const row = await db.queryLog.create({
    data: { userKey, text, outcome, band: extra.band ?? "command", matchedId: extra.matchedId ?? null, chosenId: extra.chosenId ?? null, latencyMs: 1, createdAt: at(seq) },
  });
  return row.id;
}

beforeAll(async () => {
  ({ db, config } = await tempKnowledge());
  await log("a", "mat the can cuoc lam lai o dau, sdt 0912345678", "suggested", { band: "suggest", chosenId: "cccd-cap-lai" });
  await log("b", "khai sinh cho con can giay gi", "answered", { band: "answer", matchedId: "khai-sinh-dang-ky" });
  await log("b", "👍", "rated:up", { matchedId: "khai-sinh-dang-ky" });
  await log("c", "dang ky xe may moi mua", "answered", { band: "answer", matchedId: "dang-ky-xe-sang-ten" });
  await log("c", "👎", "rated:down", { matchedId: "dang-ky-xe-sang-ten" });
  await log("d", "chuyen nha sang xa khac thi bao ai", "fallback", { band: "fallback" });
  await log("e", "chuyển nhà sang xã khác thì báo ai", "fallback", { band: "fallback" });
  await log("f", "quen mat khau facebook", "out_of_scope", { band: "fallback" });
  await log("g", "hoi linh tinh ve thoi tiet", "fallback", { band: "fallback" });
  const groups = await unansweredGroups(db, (await loadKnowledgeBase(config)).synonymsRaw, NOW);
  const keyOf = (text: string) => groups.find((g) => g.examples.some((e) => fold(e).includes(text)))!.key;
  await decideGroup(db, editor, keyOf("chuyen nha"), "handled", "example", "entry:thuong-tru-dang-ky");
  await decideGroup(db, editor, keyOf("facebook"), "out_of_scope", "out_of_scope");
  await decideGroup(db, editor, keyOf("thoi tiet"), "dismissed", "dismiss");
});
afterAll(() => db.$disconnect());

describe("labelled citizens' questions (npm run eval:export)", () => {
  it("labels a tapped suggestion, a 👍 on an answer and staff decisions in the unanswered queue, nothing else", async () => {
    const lines = await exportPilotSet(db, config, 90, NOW);
    expect(lines.map((l) => [l.question, l.expected, l.kind, l.topic])).toEqual([
      ["mat the can cuoc lam lai o dau, sdt [số điện thoại]", "cccd-cap-lai", "pilot:citizen_choice", "cccd"],
      ["khai sinh cho con can giay gi", "khai-sinh-dang-ky", "pilot:rated_up", "khai-sinh"],
      ["chuyen nha sang xa khac thi bao ai", "thuong-tru-dang-ky", "pilot:staff_example", "thuong-tru"],
      ["chuyển nhà sang xã khác thì báo ai", "thuong-tru-dang-ky", "pilot:staff_example", "thuong-tru"],
      ["quen mat khau facebook", null, "pilot:staff_out_of_scope", "none"],
    ]);
    expect(lines.every((l) => /^pilot:query\/\d+$/.test(l.source) && l.asked === "2026-12-02")).toBe(true);
  });

  it("does not take a 👍 for another entry than the one answered, nor one after a different question", () => {
    const row = (id: number, userKey: string, outcome: string, matchedId: string | null): LoggedQuery => ({ id, text: `q${id}`, userKey, createdAt: new Date(NOW), outcome, matchedId, chosenId: null });
    const labels = citizenLabels([
      row(1, "a", "answered", "khai-tu-dang-ky"),
      row(2, "a", "rated:up", "khai-sinh-dang-ky"),
      row(3, "b", "answered", "ket-hon-dang-ky"),
      row(4, "b", "suggested", null),
      row(5, "b", "rated:up", "ket-hon-dang-ky"),
    ]);
    expect([...labels.keys()]).toEqual([]);
  });

  it("is scored by npm run eval -- --pilot, leaving out wordings staff already added as example questions", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pilot-"));
    const lines = await exportPilotSet(db, config, 90, NOW);
    writeFileSync(path.join(dir, "pilot.jsonl"), lines.map((l) => JSON.stringify(l)).join("\n"));
    const kb = await loadKnowledgeBase(config);
    const withExample = kb.entries.map((e) => (e.id === "thuong-tru-dang-ky" ? { ...e, questions: [...e.questions, "Chuyển nhà sang xã khác thì báo ai?"] } : e));
    const { cases, known } = pilotCases(await readRealSet(dir), withExample);
    expect(known).toBe(2);
    expect(cases.map((c) => c.expected)).toEqual(["cccd-cap-lai", "khai-sinh-dang-ky", null]);
    expect(cases[0]?.plain).toBe("mat the can cuoc lam lai o dau, sdt [so dien thoai]");
  });
});
