import type { Config } from "../config.js";
import { recordAudit, type AuditActor, type DbOrTx } from "../staff/audit.js";
import type { Database } from "../storage/database.js";
import { baseOf, baseProblems, canonical, kindOf, validateItem, type FieldProblem } from "./content.js";
import { proposedEntrySchema } from "./entry-schema.js";
import { Lane } from "./lane.js";
import { contentsOf, loadItem, loadItems, type StoredItem } from "./repository.js";
import { readKnowledgeSettings } from "./settings.js";
import { buildSnapshot, type KnowledgeSnapshot, type LiveKnowledge } from "./snapshot.js";

/** Who changes the knowledge: a signed-in cán bộ, or a command with no person behind it. */
export interface Editor {
  actor: AuditActor | null;
  name: string;
}

export type Origin = "edit" | "import" | "upstream" | "rollback" | "unanswered" | "handoff";

export class PublishRefusal extends Error {}

export type DraftResult = { ok: true; versionId: number } | { ok: false; problems: FieldProblem[] };

const auditActor = (editor: Editor) => ({ actor: editor.actor, actorLabel: editor.name });

export interface PublisherDeps {
  db: Database;
  config: Pick<Config, "match">;
  live: LiveKnowledge;
  now: () => number;
  /** How a snapshot is built (tests slow it down to show that publications do not overtake each other). */
  build?: typeof buildSnapshot;
}

/** Drafts, publication, rollback: the only code that changes what the assistant says. */
export class KnowledgePublisher {
  /** Every swap of the live knowledge goes through this lane: one publication at a time, in order. */
  private readonly lane = new Lane();
  private readonly build: typeof buildSnapshot;

  constructor(private readonly deps: PublisherDeps) {
    this.build = deps.build ?? buildSnapshot;
  }

  /** Validates with the kb:check schemas, then stores the content as the item's draft (a new version). */
  async saveDraft(editor: Editor, key: string, raw: unknown, origin: Origin = "edit"): Promise<DraftResult> {
    const kind = kindOf(key);
    const checked = validateItem(kind, raw);
    if (!checked.ok) return checked;
    const id = key.slice("entry:".length);
    if (kind === "entry" && (checked.value as { id: string }).id !== id) return { ok: false, problems: [{ field: "id", message: `mã mục không đổi được (phải là ${id})` }] };
    const others = (await loadItems(this.deps.db)).filter((i) => i.key !== key);
    const cross = baseProblems(baseOf([...contentsOf(others, true), { key, kind, content: checked.value }]));
    const mine = kind === "entry" ? cross.filter((p) => p.field.startsWith(`${id}: `)).map((p) => ({ ...p, field: p.field.slice(id.length + 2) })) : [];
    if (mine.length > 0) return { ok: false, problems: mine };
    return { ok: true, versionId: await this.store(editor, key, checked.value, origin) };
  }

  /**
   * A new entry proposed from a cán bộ's reply: stored as a draft although its example questions, keywords
   * or sources may still be missing (proposedEntrySchema); publish() refuses it until the editor completes it.
   */
  async saveProposal(editor: Editor, entry: { id: string }, detail: Record<string, unknown>): Promise<DraftResult> {
    const key = `entry:${entry.id}`;
    const checked = proposedEntrySchema.safeParse(entry);
    if (!checked.success) return { ok: false, problems: checked.error.issues.map((i) => ({ field: i.path.join(".") || "(gốc)", message: i.message })) };
    if (await loadItem(this.deps.db, key)) return { ok: false, problems: [{ field: "id", message: `mã ${entry.id} đã có mục khác dùng` }] };
    const cross = baseProblems(baseOf([...contentsOf(await loadItems(this.deps.db), true), { key, kind: "entry", content: checked.data }]));
    const mine = cross.filter((p) => p.field.startsWith(`${entry.id}: `)).map((p) => ({ ...p, field: p.field.slice(entry.id.length + 2) }));
    if (mine.length > 0) return { ok: false, problems: mine };
    return { ok: true, versionId: await this.store(editor, key, checked.data, "handoff", detail) };
  }

  private async store(editor: Editor, key: string, content: unknown, origin: Origin, detail: Record<string, unknown> = {}): Promise<number> {
    const kind = kindOf(key);
    return this.deps.db.$transaction(async (tx) => {
      const item = await tx.knowledgeItem.upsert({ where: { key }, create: { key, kind }, update: {} });
      if (item.draftVersionId) await tx.knowledgeVersion.update({ where: { id: item.draftVersionId }, data: { status: "discarded" } });
      const v = await tx.knowledgeVersion.create({ data: { key, content: canonical(content), status: "draft", origin, authorId: editor.actor?.id ?? null, authorName: editor.name, createdAt: new Date(this.deps.now()) } });
      await tx.knowledgeItem.update({ where: { key }, data: { draftVersionId: v.id } });
      await recordAudit(tx, { ...auditActor(editor), action: "knowledge.draft", targetType: "knowledge", targetId: key, after: { versionId: v.id, origin, ...detail } });
      return v.id;
    });
  }

  /** Publishes the item's draft and swaps the live knowledge; returns the time from the click to live (waiting in the lane included). */
  async publish(editor: Editor, key: string): Promise<{ ms: number }> {
    const started = performance.now();
    await this.lane.run(() => this.publishNow(editor, key));
    return { ms: Math.round(performance.now() - started) };
  }

  private async publishNow(editor: Editor, key: string): Promise<void> {
    const item = await loadItem(this.deps.db, key);
    const draft = item?.draft;
    if (!item || !draft) throw new PublishRefusal("Mục này không có bản nháp để xuất bản.");
    const complete = validateItem(kindOf(key), draft.content);
    if (!complete.ok) throw new PublishRefusal(`Bản nháp chưa đủ để xuất bản: ${complete.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}.`);
    const settings = await readKnowledgeSettings(this.deps.db);
    if (settings.requireApproval && (draft.authorId === null || draft.authorId === editor.actor?.id)) {
      throw new PublishRefusal("Cần một người khác (biên tập viên khác hoặc quản trị) duyệt và xuất bản bản nháp này.");
    }
    const next = await this.buildWith(key, draft.content);
    await this.deps.db.$transaction(async (tx) => {
      await this.markPublished(tx, item, draft.id, editor);
      await recordAudit(tx, { ...auditActor(editor), action: "knowledge.publish", targetType: "knowledge", targetId: key, before: { versionId: item.published?.id ?? null }, after: { versionId: draft.id, authorName: draft.authorName } });
    });
    this.deps.live.swap(next);
  }

  /** A copy of an earlier version becomes the draft, then is published (or waits for approval). */
  async rollback(editor: Editor, key: string, versionId: number): Promise<{ published: boolean }> {
    const old = await this.deps.db.knowledgeVersion.findFirst({ where: { id: versionId, key } });
    if (!old) throw new PublishRefusal("Không tìm thấy phiên bản này.");
    const saved = await this.saveDraft(editor, key, JSON.parse(old.content), "rollback");
    if (!saved.ok) throw new PublishRefusal(`Phiên bản cũ không còn hợp lệ: ${saved.problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`);
    const settings = await readKnowledgeSettings(this.deps.db);
    if (settings.requireApproval) return { published: false };
    await this.publish(editor, key);
    return { published: true };
  }

  async discardDraft(editor: Editor, key: string): Promise<void> {
    await this.deps.db.$transaction(async (tx) => {
      const item = await tx.knowledgeItem.findUnique({ where: { key } });
      if (!item?.draftVersionId) return;
      await tx.knowledgeVersion.update({ where: { id: item.draftVersionId }, data: { status: "discarded" } });
      await tx.knowledgeItem.update({ where: { key }, data: { draftVersionId: null } });
      await recordAudit(tx, { ...auditActor(editor), action: "knowledge.discard", targetType: "knowledge", targetId: key, before: { versionId: item.draftVersionId } });
    });
  }

  /** Rebuilds the live knowledge from the published versions (after a start or an upstream update). */
  async reload(): Promise<void> {
    await this.lane.run(async () => this.deps.live.swap(this.build(baseOf(contentsOf(await loadItems(this.deps.db))), this.deps.config, this.deps.now())));
  }

  /** The knowledge with the drafts in place, for the test console and previews. */
  async draftSnapshot(): Promise<KnowledgeSnapshot> {
    return buildSnapshot(baseOf(contentsOf(await loadItems(this.deps.db), true)), this.deps.config, this.deps.now());
  }

  private async buildWith(key: string, content: unknown): Promise<KnowledgeSnapshot> {
    const items = contentsOf(await loadItems(this.deps.db)).filter((i) => i.key !== key);
    const kb = baseOf([...items, { key, kind: kindOf(key), content }]);
    const problems = baseProblems(kb);
    if (problems.length > 0) throw new PublishRefusal(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
    return this.build(kb, this.deps.config, this.deps.now());
  }

  private async markPublished(tx: DbOrTx, item: StoredItem, versionId: number, editor: Editor): Promise<void> {
    if (item.published) await tx.knowledgeVersion.update({ where: { id: item.published.id }, data: { status: "archived" } });
    await tx.knowledgeVersion.update({ where: { id: versionId }, data: { status: "published", publishedAt: new Date(this.deps.now()), publishedById: editor.actor?.id ?? null } });
    await tx.knowledgeItem.update({ where: { key: item.key }, data: { publishedVersionId: versionId, draftVersionId: null } });
  }
}
