import { recordAudit, type DbOrTx } from "../staff/audit.js";
import type { Database } from "../storage/database.js";
import { canonical, itemsOf, type KnowledgeItemContent } from "./content.js";
import type { KnowledgeBase } from "./loader.js";
import { threeWayMerge } from "./merge.js";
import type { Editor, KnowledgePublisher } from "./publishing.js";
import { loadItem, loadItems, type StoredItem } from "./repository.js";
import { readKnowledgeSettings } from "./settings.js";

export interface SyncReport {
  created: string[];
  followed: string[];
  drafted: string[];
  /** Edited locally and changed upstream: waiting for an editor. */
  offered: string[];
}

const SYSTEM = { actor: null, actorLabel: "cập nhật từ knowledge/" };

/**
 * On start: compares knowledge/ (the new upstream) with what was seeded last time (the old upstream)
 * and with the database (local). New items are seeded; items nobody edited follow upstream (published
 * or as a draft, by setting); edited ones keep their local version and wait for an editor.
 */
export async function syncUpstream(db: Database, files: KnowledgeBase, now: () => number): Promise<SyncReport> {
  const report: SyncReport = { created: [], followed: [], drafted: [], offered: [] };
  const stored = new Map((await loadItems(db)).map((i) => [i.key, i]));
  const { upstreamFollow } = await readKnowledgeSettings(db);
  for (const file of itemsOf(files)) {
    const content = canonical(file.content);
    const item = stored.get(file.key);
    if (item && canonical(item.upstreamContent) === content) continue;
    await db.$transaction(async (tx) => {
      if (!item) return void report.created.push(await create(tx, file, content, now));
      if (item.draft || canonical(item.published?.content) !== canonical(item.upstreamContent)) {
        if (canonical(item.pendingUpstream) !== content) await tx.knowledgeItem.update({ where: { key: file.key }, data: { pendingUpstream: content } });
        return void report.offered.push(file.key);
      }
      await follow(tx, item, content, upstreamFollow, now);
      (upstreamFollow === "publish" ? report.followed : report.drafted).push(file.key);
    });
  }
  return report;
}

async function create(tx: DbOrTx, file: KnowledgeItemContent, content: string, now: () => number): Promise<string> {
  await tx.knowledgeItem.create({ data: { key: file.key, kind: file.kind, upstreamContent: content } });
  const v = await tx.knowledgeVersion.create({ data: { key: file.key, content, status: "published", origin: "seed", authorName: SYSTEM.actorLabel, createdAt: new Date(now()), publishedAt: new Date(now()) } });
  await tx.knowledgeItem.update({ where: { key: file.key }, data: { publishedVersionId: v.id } });
  return file.key;
}

async function follow(tx: DbOrTx, item: StoredItem, content: string, mode: "publish" | "draft", now: () => number): Promise<void> {
  const published = mode === "publish";
  const v = await tx.knowledgeVersion.create({
    data: { key: item.key, content, status: published ? "published" : "draft", origin: "upstream", authorName: SYSTEM.actorLabel, createdAt: new Date(now()), publishedAt: published ? new Date(now()) : null },
  });
  if (published && item.published) await tx.knowledgeVersion.update({ where: { id: item.published.id }, data: { status: "archived" } });
  await tx.knowledgeItem.update({ where: { key: item.key }, data: { upstreamContent: content, ...(published ? { publishedVersionId: v.id } : { draftVersionId: v.id }) } });
  await recordAudit(tx, { ...SYSTEM, action: published ? "knowledge.upstream.publish" : "knowledge.upstream.draft", targetType: "knowledge", targetId: item.key, after: { versionId: v.id } });
}

export type UpstreamChoice = "accept" | "merge" | "keep";

/** The editor's answer to an upstream change of an item edited locally. Returns the draft made, if any. */
export async function resolveUpstream(db: Database, publisher: KnowledgePublisher, editor: Editor, key: string, choice: UpstreamChoice): Promise<{ draftId: number | null; problems?: string }> {
  const item = await loadItem(db, key);
  if (!item || item.pendingUpstream === null) return { draftId: null };
  const local = item.draft?.content ?? item.published?.content;
  const content = choice === "accept" ? item.pendingUpstream : threeWayMerge(item.upstreamContent, local, item.pendingUpstream).merged;
  let draftId: number | null = null;
  if (choice !== "keep") {
    const saved = await publisher.saveDraft(editor, key, content, "upstream");
    if (!saved.ok) return { draftId: null, problems: saved.problems.map((p) => `${p.field}: ${p.message}`).join("; ") };
    draftId = saved.versionId;
  }
  await db.knowledgeItem.update({ where: { key }, data: { upstreamContent: canonical(item.pendingUpstream), pendingUpstream: null } });
  await recordAudit(db, { actor: editor.actor, actorLabel: editor.name, action: `knowledge.upstream.${choice}`, targetType: "knowledge", targetId: key, after: { draftId } });
  return { draftId };
}
