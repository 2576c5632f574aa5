import { Router, type Request, type Response } from "express";
import { TOPIC_LABELS } from "../knowledge/topic-labels.js";
import { TOPICS } from "../knowledge/topics.js";
import { listUsers } from "../staff/accounts.js";
import { FieldError } from "../staff/errors.js";
import {
  addMember, createCannedReply, createTeam, deleteCannedReply, deleteTeam, getTeam, listCannedReplies, listTeams, listTopicRoutes,
  removeMember, setTopicRoutes, updateCannedReply, updateTeam, CANNED_PLACEHOLDERS, type TeamView,
} from "../staff/teams.js";
import { idParam, int, text } from "./form.js";
import type { AdminKit } from "./kit.js";
import { mayManageTeams } from "./policies.js";

const NOTICES: Record<string, string> = {
  created: "Đã tạo nhóm.",
  saved: "Đã lưu thay đổi.",
  deleted: "Đã xoá nhóm.",
  member: "Đã cập nhật thành viên.",
  reply: "Đã cập nhật câu trả lời mẫu.",
  routes: "Đã lưu việc chuyển chủ đề.",
};

type Errors = Record<string, string>;

const teamForm = (req: Request) => ({ name: text(req.body, "name"), leadId: text(req.body, "leadId"), noReplyMinutes: text(req.body, "noReplyMinutes") });
const teamInput = (req: Request) => ({
  name: text(req.body, "name"),
  leadId: Number.isNaN(int(req.body, "leadId")) ? null : int(req.body, "leadId"),
  noReplyMinutes: int(req.body, "noReplyMinutes"),
});

/** Admins manage teams: details, members, canned replies, and which team answers each topic. */
export function teamRoutes(kit: AdminKit): Router {
  const router = Router();
  router.use("/teams", kit.allow(mayManageTeams));
  const notice = (req: Request) => NOTICES[String(req.query.done)] ?? "";
  const teamOf = async (req: Request) => {
    const id = idParam(req);
    return id === null ? null : getTeam(kit.db, id);
  };

  const showEdit = async (req: Request, res: Response, team: TeamView, errors: Errors = {}, form?: Record<string, unknown>, status = 200) => {
    const [users, replies] = await Promise.all([listUsers(kit.db), listCannedReplies(kit.db, team.id)]);
    const candidates = users.filter((u) => !team.members.some((m) => m.id === u.id));
    const values = form ?? { name: team.name, leadId: String(team.leadId ?? ""), noReplyMinutes: String(team.noReplyMinutes) };
    kit.render(res, "teams/edit", { title: `Nhóm ${team.name}`, team, candidates, replies, placeholders: CANNED_PLACEHOLDERS, form: values, errors, notice: notice(req) }, status);
  };

  /** Runs a change on a team, audits it, and redirects; a refused field re-renders the team page. */
  const onTeam = (work: (team: TeamView, req: Request) => Promise<{ action: string; before?: unknown; after?: unknown; done: string }>) =>
    async (req: Request, res: Response) => {
      const team = await teamOf(req);
      if (!team) return kit.renderError(res, 404);
      try {
        const { action, before, after, done } = await work(team, req);
        await kit.audit(req, { action, targetType: "team", targetId: team.id, before, after });
        res.redirect(303, done === "deleted" ? "/admin/teams?done=deleted" : `/admin/teams/${team.id}?done=${done}`);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        const form = error.field in { name: 1, leadId: 1, noReplyMinutes: 1 } ? teamForm(req) : undefined;
        await showEdit(req, res, team, { [error.field]: error.message }, form, 422);
      }
    };

  router.get("/teams", async (req, res) => {
    const [teams, routes] = await Promise.all([listTeams(kit.db), listTopicRoutes(kit.db)]);
    const topicCount = (id: number) => Object.values(routes).filter((t) => t === id).length;
    kit.render(res, "teams/list", { title: "Nhóm", teams: teams.map((t) => ({ ...t, topics: topicCount(t.id) })), notice: notice(req) });
  });

  router.get("/teams/new", (_req, res) => kit.render(res, "teams/new", { title: "Thêm nhóm", form: { noReplyMinutes: "15" }, errors: {} }));
  router.post("/teams", async (req, res) => {
    try {
      const team = await createTeam(kit.db, { ...teamInput(req), leadId: null });
      await kit.audit(req, { action: "team.created", targetType: "team", targetId: team.id, after: team });
      res.redirect(303, `/admin/teams/${team.id}?done=created`);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      kit.render(res, "teams/new", { title: "Thêm nhóm", form: teamForm(req), errors: { [error.field]: error.message } }, 422);
    }
  });

  const showRoutes = async (req: Request, res: Response, errors: Errors = {}, status = 200) => {
    const [teams, routes] = await Promise.all([listTeams(kit.db), listTopicRoutes(kit.db)]);
    const topics = TOPICS.map((id) => ({ id, label: TOPIC_LABELS[id], teamId: routes[id] ?? null }));
    kit.render(res, "teams/routes", { title: "Chủ đề và nhóm", topics, teams, errors, notice: notice(req) }, status);
  };
  router.get("/teams/routes", (req, res) => showRoutes(req, res));
  router.post("/teams/routes", async (req, res) => {
    const chosen = Object.fromEntries(TOPICS.map((t) => [t, int(req.body, `topic:${t}`)]).filter(([, id]) => !Number.isNaN(id)));
    try {
      const change = await setTopicRoutes(kit.db, chosen);
      await kit.audit(req, { action: "team.routes", targetType: "topic_route", ...change });
      res.redirect(303, "/admin/teams/routes?done=routes");
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      await showRoutes(req, res, { [error.field]: error.message }, 422);
    }
  });

  router.get("/teams/:id", async (req, res) => {
    const team = await teamOf(req);
    if (!team) return kit.renderError(res, 404);
    await showEdit(req, res, team);
  });
  router.post("/teams/:id", onTeam(async (team, req) => ({ action: "team.updated", ...(await updateTeam(kit.db, team.id, teamInput(req))), done: "saved" })));
  router.post("/teams/:id/delete", onTeam(async (team) => ({ action: "team.deleted", before: await deleteTeam(kit.db, team.id), done: "deleted" })));
  router.post("/teams/:id/members", onTeam(async (team, req) => {
    const change = await addMember(kit.db, team.id, int(req.body, "userId"));
    return { action: "team.member_added", before: memberNames(change.before), after: memberNames(change.after), done: "member" };
  }));
  router.post("/teams/:id/members/:userId/remove", onTeam(async (team, req) => {
    const change = await removeMember(kit.db, team.id, idParam(req, "userId") ?? -1);
    return { action: "team.member_removed", before: memberNames(change.before), after: memberNames(change.after), done: "member" };
  }));
  router.post("/teams/:id/replies", onTeam(async (team, req) => {
    const reply = await createCannedReply(kit.db, team.id, { title: text(req.body, "title"), body: text(req.body, "body") });
    return { action: "canned_reply.created", after: reply, done: "reply" };
  }));
  router.post("/teams/:id/replies/:replyId", onTeam(async (team, req) => {
    const input = { title: text(req.body, "title"), body: text(req.body, "body") };
    const change = await updateCannedReply(kit.db, await replyOf(team, req), input);
    return { action: "canned_reply.updated", ...change, done: "reply" };
  }));
  router.post("/teams/:id/replies/:replyId/delete", onTeam(async (team, req) => {
    const before = await deleteCannedReply(kit.db, await replyOf(team, req));
    return { action: "canned_reply.deleted", before, done: "reply" };
  }));

  /** A reply id that belongs to this team, so one team's form cannot touch another's replies. */
  const replyOf = async (team: TeamView, req: Request): Promise<number> => {
    const id = idParam(req, "replyId");
    const replies = await listCannedReplies(kit.db, team.id);
    if (id === null || !replies.some((r) => r.id === id)) throw new FieldError("reply", "Không tìm thấy câu trả lời mẫu này.");
    return id;
  };
  return router;
}

const memberNames = (team: TeamView) => ({ members: team.members.map((m) => m.username), leadId: team.leadId });
