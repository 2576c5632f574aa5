import { DEFAULT_TEAMS, DEFAULT_TOPIC_TEAM } from "../handoff/routing.js";
import { TOPICS } from "../knowledge/topics.js";
import type { Database } from "../storage/database.js";
import type { Change } from "./accounts.js";
import type { DbOrTx } from "./audit.js";
import { FieldError } from "./errors.js";

export interface TeamMemberView {
  id: number;
  username: string;
  displayName: string;
}

export interface TeamView {
  id: number;
  slug: string;
  name: string;
  leadId: number | null;
  noReplyMinutes: number;
  members: TeamMemberView[];
}

export interface TeamInput {
  name: string;
  leadId: number | null;
  noReplyMinutes: number;
}

export interface CannedReplyView {
  id: number;
  teamId: number;
  title: string;
  body: string;
}

const MEMBER_SELECT = { select: { user: { select: { id: true, username: true, displayName: true } } } } as const;

function toView(t: { id: number; slug: string; name: string; leadId: number | null; noReplyMinutes: number; members: Array<{ user: TeamMemberView }> }): TeamView {
  const members = t.members.map((m) => m.user).sort((a, b) => a.displayName.localeCompare(b.displayName, "vi"));
  return { id: t.id, slug: t.slug, name: t.name, leadId: t.leadId, noReplyMinutes: t.noReplyMinutes, members };
}

export async function listTeams(db: DbOrTx): Promise<TeamView[]> {
  const teams = await db.team.findMany({ include: { members: MEMBER_SELECT }, orderBy: { id: "asc" } });
  return teams.map(toView);
}

export async function getTeam(db: DbOrTx, id: number): Promise<TeamView | null> {
  const t = await db.team.findUnique({ where: { id }, include: { members: MEMBER_SELECT } });
  return t ? toView(t) : null;
}

async function mustGet(db: DbOrTx, id: number): Promise<TeamView> {
  const t = await getTeam(db, id);
  if (!t) throw new FieldError("id", "Không tìm thấy nhóm này.");
  return t;
}

/** "Đất đai, xây dựng" → "dat-dai-xay-dung". */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function checkTeam(input: TeamInput): TeamInput {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 80) throw new FieldError("name", "Tên nhóm cần từ 1 đến 80 ký tự.");
  if (!Number.isInteger(input.noReplyMinutes) || input.noReplyMinutes < 1 || input.noReplyMinutes > 1440) {
    throw new FieldError("noReplyMinutes", "Thời gian chờ trả lời là số phút từ 1 đến 1440.");
  }
  return { ...input, name };
}

export async function createTeam(db: DbOrTx, input: TeamInput): Promise<TeamView> {
  const team = checkTeam(input);
  const base = slugify(team.name) || "nhom";
  let slug = base;
  for (let n = 2; await db.team.findUnique({ where: { slug } }); n++) slug = `${base}-${n}`;
  const created = await db.team.create({ data: { slug, ...team }, include: { members: MEMBER_SELECT } });
  return toView(created);
}

export async function updateTeam(db: DbOrTx, id: number, input: TeamInput): Promise<Change<TeamView>> {
  const team = checkTeam(input);
  const before = await mustGet(db, id);
  if (team.leadId !== null && !before.members.some((m) => m.id === team.leadId)) {
    throw new FieldError("leadId", "Trưởng nhóm phải là thành viên của nhóm.");
  }
  await db.team.update({ where: { id }, data: team });
  return { before, after: await mustGet(db, id) };
}

/** Refused while topics are routed to the team or conversations belong to it, so nothing is silently rerouted. */
export async function deleteTeam(db: DbOrTx, id: number): Promise<TeamView> {
  const before = await mustGet(db, id);
  const [routes, handoffs] = await Promise.all([db.topicRoute.count({ where: { teamId: id } }), db.handoff.count({ where: { teamId: id } })]);
  if (routes > 0) throw new FieldError("delete", `Nhóm đang nhận ${routes} chủ đề; chuyển các chủ đề sang nhóm khác trước.`);
  if (handoffs > 0) throw new FieldError("delete", "Nhóm đã có cuộc trò chuyện nên không xoá được; hãy đổi tên nhóm.");
  await db.team.delete({ where: { id } });
  return before;
}

export async function addMember(db: DbOrTx, teamId: number, userId: number): Promise<Change<TeamView>> {
  const before = await mustGet(db, teamId);
  if (!(await db.staffUser.findUnique({ where: { id: userId } }))) throw new FieldError("userId", "Không tìm thấy người dùng này.");
  await db.teamMember.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId }, update: {} });
  return { before, after: await mustGet(db, teamId) };
}

/** Removing the lead also clears the team's lead. */
export async function removeMember(db: DbOrTx, teamId: number, userId: number): Promise<Change<TeamView>> {
  const before = await mustGet(db, teamId);
  await db.teamMember.deleteMany({ where: { userId, teamId } });
  if (before.leadId === userId) await db.team.update({ where: { id: teamId }, data: { leadId: null } });
  return { before, after: await mustGet(db, teamId) };
}

/** topic → team id, for every topic that has a route. */
export async function listTopicRoutes(db: DbOrTx): Promise<Record<string, number>> {
  const routes = await db.topicRoute.findMany({ orderBy: { topic: "asc" } });
  return Object.fromEntries(routes.map((r) => [r.topic, r.teamId]));
}

export async function setTopicRoutes(db: Database, routes: Record<string, number>): Promise<Change<Record<string, number>>> {
  const teamIds = new Set((await db.team.findMany({ select: { id: true } })).map((t) => t.id));
  const known = new Set<string>(TOPICS);
  for (const [topic, teamId] of Object.entries(routes)) {
    if (!known.has(topic)) throw new FieldError(`topic:${topic}`, "Chủ đề không có trong danh mục.");
    if (!teamIds.has(teamId)) throw new FieldError(`topic:${topic}`, "Nhóm không còn tồn tại; tải lại trang.");
  }
  const before = await listTopicRoutes(db);
  await db.$transaction(
    Object.entries(routes).map(([topic, teamId]) => db.topicRoute.upsert({ where: { topic }, create: { topic, teamId }, update: { teamId } })),
  );
  return { before, after: await listTopicRoutes(db) };
}

export async function listCannedReplies(db: DbOrTx, teamId: number): Promise<CannedReplyView[]> {
  return db.cannedReply.findMany({ where: { teamId }, orderBy: { title: "asc" } });
}

function checkReply(input: { title: string; body: string }): { title: string; body: string } {
  const title = input.title.trim();
  const body = input.body.trim();
  if (title.length === 0 || title.length > 80) throw new FieldError("title", "Tiêu đề cần từ 1 đến 80 ký tự.");
  if (body.length === 0 || body.length > 2000) throw new FieldError("body", "Nội dung cần từ 1 đến 2000 ký tự.");
  return { title, body };
}

export async function createCannedReply(db: DbOrTx, teamId: number, input: { title: string; body: string }): Promise<CannedReplyView> {
  await mustGet(db, teamId);
  return db.cannedReply.create({ data: { teamId, ...checkReply(input) } });
}

export async function updateCannedReply(db: DbOrTx, id: number, input: { title: string; body: string }): Promise<Change<CannedReplyView>> {
  const before = await db.cannedReply.findUnique({ where: { id } });
  if (!before) throw new FieldError("id", "Không tìm thấy câu trả lời mẫu này.");
  return { before, after: await db.cannedReply.update({ where: { id }, data: checkReply(input) }) };
}

export async function deleteCannedReply(db: DbOrTx, id: number): Promise<CannedReplyView | null> {
  const before = await db.cannedReply.findUnique({ where: { id } });
  if (before) await db.cannedReply.delete({ where: { id } });
  return before;
}

export interface CannedReplyValues {
  /** The citizen's topic label. */
  chu_de?: string;
  /** The agent's display name. */
  ten_can_bo?: string;
  gio_lam_viec?: string;
}

export const CANNED_PLACEHOLDERS = ["chu_de", "ten_can_bo", "gio_lam_viec"] as const;

/** Fills {chu_de}, {ten_can_bo} and {gio_lam_viec}; a placeholder without a value is left as typed. */
export function fillCannedReply(body: string, values: CannedReplyValues): string {
  return body.replace(/\{(chu_de|ten_can_bo|gio_lam_viec)\}/g, (whole, key: keyof CannedReplyValues) => values[key] ?? whole);
}

/** On an empty Team table, creates the default teams and routes every topic to its default team. */
export async function seedDefaultTeams(db: Database): Promise<boolean> {
  if ((await db.team.count()) > 0) return false;
  await db.$transaction(async (tx) => {
    const ids = new Map<string, number>();
    for (const t of DEFAULT_TEAMS) ids.set(t.slug, (await tx.team.create({ data: { slug: t.slug, name: t.name } })).id);
    for (const [topic, slug] of Object.entries(DEFAULT_TOPIC_TEAM)) {
      await tx.topicRoute.upsert({ where: { topic }, create: { topic, teamId: ids.get(slug)! }, update: {} });
    }
  });
  return true;
}
