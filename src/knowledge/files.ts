import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { stringify } from "yaml";
import { canonical, itemsOf } from "./content.js";
import { entrySchema, intentSchema, type Intent, type KnowledgeEntry } from "./entry-schema.js";
import { readKnowledge, type KnowledgeBase, type KnowledgeProblem } from "./loader.js";
import type { Editor, KnowledgePublisher } from "./publishing.js";
import { loadItems } from "./repository.js";
import type { Database } from "../storage/database.js";

/**
 * The exchange format is the layout of knowledge/ plus the intents beside it:
 *   DIR/entries/<topic>/<id>.yaml, DIR/province.yaml, DIR/synonyms.yaml, DIR/intents/<id>.yaml
 * (in the repository the intents live in intents/ at the top; an export keeps them inside DIR so one
 * folder carries everything).
 */
export const exportDirs = (dir: string) => ({ knowledgeDir: dir, intentsDir: path.join(dir, "intents") });

const yaml = (value: unknown) => stringify(value, { lineWidth: 110 });

/** Every file of the exchange format with its text: [path inside DIR, with "/", YAML]. */
export function knowledgeFiles(kb: KnowledgeBase): [string, string][] {
  const files: [string, unknown][] = [
    // Parsing again puts the fields back in the schema's order (id, topic, kind, title …), as people write them.
    ...kb.entries.map((e: KnowledgeEntry): [string, unknown] => [`entries/${e.topic}/${e.id}.yaml`, entrySchema.parse(e)]),
    ...kb.intents.map((i: Intent): [string, unknown] => [`intents/${i.id}.yaml`, intentSchema.parse(i)]),
    ["province.yaml", kb.province],
    ["synonyms.yaml", kb.synonymsRaw],
  ];
  return files.map(([file, value]) => [file, yaml(value)]);
}

export async function writeKnowledgeFiles(dir: string, kb: KnowledgeBase): Promise<number> {
  const files = knowledgeFiles(kb);
  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text, "utf8");
  }
  return files.length;
}

export type ImportResult = { ok: true; drafts: string[] } | { ok: false; problems: KnowledgeProblem[] };

/** Reads DIR with kb:check's rules; refuses everything on any problem, else each changed item becomes a draft. */
export async function importKnowledgeFiles(db: Database, publisher: KnowledgePublisher, editor: Editor, dir: string): Promise<ImportResult> {
  const { kb, problems } = await readKnowledge(exportDirs(dir));
  if (problems.length > 0) return { ok: false, problems };
  const stored = new Map((await loadItems(db)).map((i) => [i.key, canonical((i.draft ?? i.published)?.content)]));
  const drafts: string[] = [];
  for (const item of itemsOf(kb)) {
    if (stored.get(item.key) === canonical(item.content)) continue;
    const saved = await publisher.saveDraft(editor, item.key, item.content, "import");
    if (!saved.ok) return { ok: false, problems: saved.problems.map((p) => ({ file: fileOf(dir, item.key, kb), field: p.field, message: p.message })) };
    drafts.push(item.key);
  }
  return { ok: true, drafts };
}

function fileOf(dir: string, key: string, kb: KnowledgeBase): string {
  const [kind, id] = key.split(":");
  if (kind === "entry") return path.join(dir, "entries", kb.entries.find((e) => e.id === id)?.topic ?? "", `${id}.yaml`);
  if (kind === "intent") return path.join(dir, "intents", `${id}.yaml`);
  return path.join(dir, `${key}.yaml`);
}
