import { groupQuestions, type GroupableQuery, type QuestionGroup } from "../analytics/question-groups.js";
import { questionTokens } from "../analytics/question-tokens.js";
import { redactPersonalData } from "../analytics/redact.js";
import { ENTRY_RATED } from "../analytics/rollup.js";
import { parseSynonyms } from "../matching/index.js";
import { recordAudit, type DbOrTx } from "../staff/audit.js";
import type { Database } from "../storage/database.js";
import type { Editor } from "./publishing.js";

/** Outcomes where the assistant did not answer (see conversation/assistant.ts note(...)). */
const UNANSWERED = ["fallback", "out_of_scope", "handoff:repeated_failure"];
/** A "không đúng" or a 👎 tapped under an answer is about the question answered just before it. */
const NOT_HELPFUL = "handoff:not_helpful";
const RATED_DOWN = `${ENTRY_RATED}down`;

export type GroupStatus = "new" | "handled" | "out_of_scope" | "dismissed";

export interface UnansweredGroup extends QuestionGroup {
  status: GroupStatus;
}

/** The questions nobody answered in the last `days`, grouped accent-insensitively, with what staff decided. */
export async function unansweredGroups(db: Database, synonymsRaw: unknown, now: number, days = 90): Promise<UnansweredGroup[]> {
  const since = new Date(now - days * 24 * 60 * 60 * 1000);
  const rows = await db.queryLog.findMany({ where: { createdAt: { gte: since } }, orderBy: { id: "asc" }, select: { id: true, text: true, userKey: true, createdAt: true, outcome: true, chosenId: true } });
  const picked: GroupableQuery[] = [];
  const last = new Map<string, GroupableQuery>();
  for (const r of rows) {
    const q = { id: r.id, text: r.text, userKey: r.userKey, createdAt: r.createdAt };
    if (UNANSWERED.includes(r.outcome) || (r.outcome === "suggested" && r.chosenId === null)) picked.push(q);
    if ((r.outcome === NOT_HELPFUL || r.outcome === RATED_DOWN) && last.has(r.userKey)) picked.push(last.get(r.userKey)!);
    if (r.outcome === "answered" || r.outcome === "suggested") last.set(r.userKey, q);
  }
  const groups = groupQuestions(picked, questionTokens(parseSynonyms(synonymsRaw)));
  const decisions = new Map((await db.unansweredDecision.findMany({ where: { key: { in: groups.map((g) => g.key) } } })).map((d) => [d.key, d.status as GroupStatus]));
  return groups.map((g) => ({ ...g, examples: g.examples.map(redactPersonalData), label: redactPersonalData(g.label), status: decisions.get(g.key) ?? "new" }));
}

export async function decideGroup(db: DbOrTx, editor: Editor, key: string, status: Exclude<GroupStatus, "new">, action: string, entryKey: string | null = null): Promise<void> {
  const data = { status, action, entryKey, decidedById: editor.actor?.id ?? 0 };
  await db.unansweredDecision.upsert({ where: { key }, create: { key, ...data }, update: data });
  await recordAudit(db, { actor: editor.actor, actorLabel: editor.name, action: `knowledge.unanswered.${action}`, targetType: "question_group", targetId: key, after: { status, entryKey } });
}
