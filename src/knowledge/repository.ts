import type { DbOrTx } from "../staff/audit.js";
import { kindOf, validateItem, type KnowledgeItemContent } from "./content.js";

export interface StoredVersion {
  id: number;
  key: string;
  content: unknown;
  status: string;
  origin: string;
  authorId: number | null;
  authorName: string;
  createdAt: Date;
  publishedAt: Date | null;
}

export interface StoredItem {
  key: string;
  kind: string;
  published: StoredVersion | null;
  draft: StoredVersion | null;
  upstreamContent: unknown;
  pendingUpstream: unknown;
}

type VersionRow = Omit<StoredVersion, "content"> & { content: string };
const parseVersion = (v: VersionRow): StoredVersion => ({ ...v, content: JSON.parse(v.content) as unknown });
const parseJson = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));

/** Every item with its published and draft versions. */
export async function loadItems(db: DbOrTx, where: { key?: string; kind?: string } = {}): Promise<StoredItem[]> {
  const items = await db.knowledgeItem.findMany({ where, orderBy: { key: "asc" } });
  const ids = items.flatMap((i) => [i.publishedVersionId, i.draftVersionId]).filter((id): id is number => id !== null);
  const versions = new Map((await db.knowledgeVersion.findMany({ where: { id: { in: ids } } })).map((v) => [v.id, parseVersion(v)]));
  return items.map((i) => ({
    key: i.key,
    kind: i.kind,
    published: i.publishedVersionId === null ? null : (versions.get(i.publishedVersionId) ?? null),
    draft: i.draftVersionId === null ? null : (versions.get(i.draftVersionId) ?? null),
    upstreamContent: parseJson(i.upstreamContent),
    pendingUpstream: parseJson(i.pendingUpstream),
  }));
}

export async function loadItem(db: DbOrTx, key: string): Promise<StoredItem | null> {
  return (await loadItems(db, { key }))[0] ?? null;
}

/**
 * The published base, or with `drafts` each draft in place of its published version. A draft that is not
 * complete yet (a proposal from a cán bộ's reply still missing example questions or sources) is left out.
 */
export function contentsOf(items: StoredItem[], drafts = false): KnowledgeItemContent[] {
  return items.flatMap((i) => {
    const v = (drafts && i.draft && isComplete(i.draft) ? i.draft : null) ?? i.published;
    return v ? [{ key: i.key, kind: kindOf(i.key), content: v.content }] : [];
  });
}

export async function versionsOf(db: DbOrTx, key: string): Promise<StoredVersion[]> {
  return (await db.knowledgeVersion.findMany({ where: { key }, orderBy: { id: "desc" } })).map(parseVersion);
}

export const isComplete = (v: StoredVersion): boolean => validateItem(kindOf(v.key), v.content).ok;
