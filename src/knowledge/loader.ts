import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { entrySchema, intentSchema, type Intent, type KnowledgeEntry } from "./entry-schema.js";
import { provinceSchema, type Province } from "./province-schema.js";

export interface KnowledgeProblem {
  file: string;
  field: string;
  message: string;
}

export interface KnowledgeBase {
  entries: KnowledgeEntry[];
  intents: Intent[];
  synonymsRaw: unknown;
  province: Province;
}

export interface LoadResult {
  kb: KnowledgeBase;
  problems: KnowledgeProblem[];
  /** Entry files that failed validation and were left out of kb.entries. */
  rejectedFiles: number;
}

export class KnowledgeError extends Error {
  constructor(public readonly problems: KnowledgeProblem[]) {
    super(`Cơ sở tri thức có ${problems.length} lỗi:\n${problems.map(formatProblem).join("\n")}`);
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}

/** Reads every knowledge file, validates it and reports each problem with its file and field. */
export async function readKnowledge(dirs: { knowledgeDir: string; intentsDir: string }): Promise<LoadResult> {
  const problems: KnowledgeProblem[] = [];
  const entryFiles = await yamlFiles(path.join(dirs.knowledgeDir, "entries"));
  const entries: KnowledgeEntry[] = [];
  for (const file of entryFiles) {
    const entry = await parseFile(file, entrySchema, problems);
    if (entry) {
      checkPlacement(file, entry, problems);
      entries.push(entry);
    }
  }
  problems.push(...crossEntryProblems(entries, entryFiles));

  const intents: Intent[] = [];
  for (const file of await yamlFiles(dirs.intentsDir)) {
    const intent = await parseFile(file, intentSchema, problems);
    if (intent) intents.push(intent);
  }

  const provinceFile = path.join(dirs.knowledgeDir, "province.yaml");
  const province = (await parseFile(provinceFile, provinceSchema, problems)) ?? fallbackProvince();
  const synonymsRaw = (await readYaml(path.join(dirs.knowledgeDir, "synonyms.yaml"), problems)) ?? [];

  return {
    kb: { entries: entries.sort((a, b) => a.id.localeCompare(b.id)), intents, synonymsRaw, province },
    problems,
    rejectedFiles: entryFiles.length - entries.length,
  };
}

/** Loads the knowledge the live assistant serves; any problem stops it (nothing half-valid is served). */
export async function loadKnowledgeBase(dirs: { knowledgeDir: string; intentsDir: string }): Promise<KnowledgeBase> {
  const { kb, problems } = await readKnowledge(dirs);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return kb;
}

async function yamlFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })) as string[];
  } catch {
    return [];
  }
  return names.filter((n) => /\.ya?ml$/.test(n)).map((n) => path.join(dir, n)).sort();
}

async function readYaml(file: string, problems: KnowledgeProblem[]): Promise<unknown> {
  let textContent: string;
  try {
    textContent = await readFile(file, "utf8");
  } catch {
    problems.push({ file, field: "(tệp)", message: "không đọc được tệp" });
    return undefined;
  }
  try {
    return parseYaml(textContent.normalize("NFC"));
  } catch (error) {
    problems.push({ file, field: "(YAML)", message: (error as Error).message.split("\n")[0] ?? "YAML không hợp lệ" });
    return undefined;
  }
}

async function parseFile<S extends z.ZodTypeAny>(file: string, schema: S, problems: KnowledgeProblem[]): Promise<z.infer<S> | undefined> {
  const raw = await readYaml(file, problems);
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ file, field: issue.path.join(".") || "(gốc)", message: issue.message });
  }
  return undefined;
}

function checkPlacement(file: string, entry: KnowledgeEntry, problems: KnowledgeProblem[]): void {
  const base = path.basename(file).replace(/\.ya?ml$/, "");
  const folder = path.basename(path.dirname(file));
  if (base !== entry.id) problems.push({ file, field: "id", message: `tên tệp phải là ${entry.id}.yaml` });
  if (folder !== entry.topic) problems.push({ file, field: "topic", message: `tệp phải nằm trong thư mục entries/${entry.topic}/` });
}

/** Questions compare equal regardless of case, spacing, Unicode form and trailing punctuation. */
export function questionKey(q: string): string {
  return q.normalize("NFC").toLowerCase().replace(/[\s\p{P}]+/gu, " ").trim();
}

export function crossEntryProblems(entries: KnowledgeEntry[], files: string[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const fileOf = (e: KnowledgeEntry) => files.find((f) => f.endsWith(`${path.sep}${e.id}.yaml`)) ?? e.id;
  const ids = new Map<string, KnowledgeEntry>();
  const questions = new Map<string, string>();
  const titles = new Map<string, string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) problems.push({ file: fileOf(entry), field: "id", message: `id "${entry.id}" bị trùng` });
    ids.set(entry.id, entry);
    const titleOwner = titles.get(questionKey(entry.title));
    if (titleOwner) problems.push({ file: fileOf(entry), field: "title", message: `tiêu đề trùng với mục ${titleOwner}` });
    titles.set(questionKey(entry.title), entry.id);
    entry.questions.forEach((q, i) => {
      const key = questionKey(q);
      const owner = questions.get(key);
      if (owner && owner !== entry.id) {
        problems.push({ file: fileOf(entry), field: `questions.${i}`, message: `câu hỏi "${q}" đã có ở mục ${owner}` });
      }
      questions.set(key, entry.id);
    });
  }
  return problems;
}

function fallbackProvince(): Province {
  const missing = { value: null, placeholder: "knowledge/province.yaml" } as const;
  return { name: missing, display_name: missing, national_portal_url: missing } as unknown as Province;
}
