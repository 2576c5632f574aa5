import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readKnowledge } from "../../src/knowledge/loader.js";
import { TOPICS } from "../../src/knowledge/topics.js";

const valid = (id: string, topic: string, questions: string[]) => `id: ${id}
topic: ${topic}
kind: faq
title: Tiêu đề ${id}
questions:
${questions.map((q) => `  - ${q}`).join("\n")}
keywords: [a]
answer: Trả lời ngắn.
sources:
  - { title: Luật Hộ tịch 2014 }
verified_on: 2026-11-23
needs_review: false
`;

const eight = (prefix: string) => Array.from({ length: 8 }, (_v, i) => `${prefix} câu ${i}`);

function tree(files: Record<string, string>): { knowledgeDir: string; intentsDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), "kb-"));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return { knowledgeDir: path.join(root, "knowledge"), intentsDir: path.join(root, "intents") };
}

const province = "name: { value: X, source: s }\ndisplay_name: { value: X, source: s }\nnational_portal_url: { value: 'https://dichvucong.gov.vn', source: s }\n";

describe("knowledge loader", () => {
  it("loads the bundled knowledge base without a problem, every topic covered", async () => {
    const { kb, problems } = await readKnowledge({ knowledgeDir: "knowledge", intentsDir: "intents" });
    expect(problems).toEqual([]);
    expect(kb.entries.length).toBeGreaterThanOrEqual(40);
    expect(new Set(kb.entries.map((e) => e.topic))).toEqual(new Set(TOPICS));
    for (const e of kb.entries) expect(e.sources.length).toBeGreaterThan(0);
  });

  it("reports each problem with its file and field", async () => {
    const dirs = tree({
      "knowledge/province.yaml": province,
      "knowledge/synonyms.yaml": "[]",
      "knowledge/entries/khai-sinh/a.yaml": valid("a", "khai-sinh", eight("a")),
      "knowledge/entries/khai-sinh/b.yaml": valid("b", "khai-sinh", ["A câu 1", ...eight("b").slice(1)]),
      "knowledge/entries/khai-tu/c.yaml": valid("c", "nuoi-con", eight("c")).replace("sources:\n  - { title: Luật Hộ tịch 2014 }", "sources: []"),
      "knowledge/entries/khai-tu/d.yaml": "id: [unclosed",
      "knowledge/entries/khai-tu/wrong-name.yaml": valid("e", "khai-tu", eight("e")),
    });
    const { problems } = await readKnowledge(dirs);
    const seen = problems.map((p) => `${path.basename(p.file)} ${p.field}`);
    expect(seen).toContain("b.yaml questions.0");
    expect(seen).toContain("c.yaml topic");
    expect(seen).toContain("c.yaml sources");
    expect(seen).toContain("d.yaml (YAML)");
    expect(seen).toContain("wrong-name.yaml id");
    expect(problems.find((p) => p.field === "questions.0")?.message).toMatch(/đã có ở mục a/);
  });
});
