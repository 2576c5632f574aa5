import { Router, type Request, type Response } from "express";
import type { Config } from "../../config.js";
import { conversationView } from "../../handoff/conversation-view.js";
import { DeskRefusal } from "../../handoff/desk.js";
import { listInbox } from "../../handoff/inbox-queries.js";
import type { HandoffModule } from "../../handoff/module.js";
import { TOPIC_LABELS } from "../../knowledge/topic-labels.js";
import { fillCannedReply } from "../../staff/teams.js";
import type { StaffPrincipal } from "../../staff/principal.js";
import type { Database } from "../../storage/database.js";
import { idParam, text } from "../form.js";
import type { AdminKit } from "../kit.js";
import { mayOpenInbox, mayReplyHandoff, maySeeHandoff, mayUseInbox } from "../policies.js";
import type { AdminMount } from "../router.js";
import { assetUrl } from "../views.js";
import { liveEvents } from "./live.js";
import { ReadAudit } from "./read-audit.js";

export interface InboxDeps {
  db: Database;
  handoff: HandoffModule;
  config: Config;
}

const topicLabel = (topic: string | null): string => (topic ? ((TOPIC_LABELS as Record<string, string>)[topic] ?? topic) : "thủ tục hành chính");


/** The handoff inbox: queues by team, the conversation, and the cán bộ's actions. */
export function inboxRoutes(deps: InboxDeps): AdminMount {
  const scripts = [assetUrl("inbox.js")];
  const styles = [assetUrl("inbox.css")];
  return (router: Router, kit: AdminKit) => {
    kit.addNavLink({ href: "/admin/inbox", label: "Hộp thư", description: "Trả lời người dân được Trợ lý chuyển sang cán bộ.", allowed: mayOpenInbox });
    const reads = new ReadAudit(kit);
    const visibleTeams = async (me: StaffPrincipal) =>
      me.roles.includes("admin") ? (await deps.db.team.findMany({ select: { id: true } })).map((t) => t.id) : me.teamIds;
    const listing = async (me: StaffPrincipal) => listInbox(deps.db, await visibleTeams(me), me.id, deps.handoff.calendar, kit.now());

    router.get("/inbox", kit.allow(mayOpenInbox), async (req, res) => {
      const me = kit.principal(req);
      const user = await deps.db.staffUser.findUniqueOrThrow({ where: { id: me.id } });
      kit.render(res, "inbox", { title: "Hộp thư", inbox: await listing(me), onDuty: user.onDuty, scripts, styles });
    });
    router.get("/inbox/list", kit.allow(mayOpenInbox), async (req, res) => kit.render(res, "inbox-list", { inbox: await listing(kit.principal(req)), partial: true }));
    router.get("/inbox/events", kit.allow(mayOpenInbox), liveEvents(kit, deps.handoff.bus));
    router.post("/inbox/duty", kit.allow(mayUseInbox), async (req, res) => {
      const onDuty = text(req.body, "on_duty") === "1";
      await deps.db.staffUser.update({ where: { id: kit.principal(req).id }, data: { onDuty } });
      await kit.audit(req, { action: "staff.duty", targetType: "user", targetId: kit.principal(req).id, after: { onDuty } });
      res.redirect(303, "/admin/inbox");
    });

    const view = async (req: Request, res: Response, error?: { message: string; draft: string }) => {
      const id = idParam(req);
      const data = id === null ? null : await conversationView(deps.db, id, deps.handoff.calendar, kit.now());
      if (!data) return kit.renderError(res, 404);
      const me = kit.principal(req);
      if (!maySeeHandoff(me, { teamId: data.item.teamId })) return kit.renderError(res, 403);
      const canReply = mayReplyHandoff(me, { teamId: data.item.teamId });
      if (canReply && data.item.assigneeId === me.id && data.item.unread > 0) await deps.db.handoff.update({ where: { id: data.item.id }, data: { unread: 0 } });
      await reads.record(req, data.item.id);
      const [teams, canned] = await Promise.all([
        deps.db.team.findMany({ orderBy: { name: "asc" } }),
        deps.db.cannedReply.findMany({ where: { teamId: data.item.teamId }, orderBy: { title: "asc" } }),
      ]);
      const values = { chu_de: topicLabel(data.item.topic), ten_can_bo: me.displayName, gio_lam_viec: deps.handoff.officeHoursText };
      const replies = canned.map((c) => ({ id: c.id, title: c.title, body: fillCannedReply(c.body, values) }));
      kit.render(res, "conversation", { title: `Cuộc trò chuyện #${data.item.id}`, c: data, canReply, teams, canned: replies, error, isAdmin: me.roles.includes("admin"), scripts, styles }, error ? 409 : 200);
    };
    router.get("/inbox/:id", kit.allow(mayOpenInbox), (req, res) => view(req, res));
    router.get("/inbox/:id/live", kit.allow(mayOpenInbox), async (req, res) => {
      const id = idParam(req);
      const data = id === null ? null : await conversationView(deps.db, id, deps.handoff.calendar, kit.now());
      if (!data) return kit.renderError(res, 404);
      if (!maySeeHandoff(kit.principal(req), { teamId: data.item.teamId })) return kit.renderError(res, 403);
      await reads.record(req, data.item.id);
      kit.render(res, "conversation-live", { c: data });
    });

    const act = (action: (me: StaffPrincipal, id: number, req: Request) => Promise<void>) => async (req: Request, res: Response) => {
      const id = idParam(req);
      const row = id === null ? null : await deps.db.handoff.findUnique({ where: { id } });
      if (!row || id === null) return kit.renderError(res, 404);
      const me = kit.principal(req);
      if (!mayReplyHandoff(me, row)) return kit.renderError(res, 403);
      try {
        await action(me, id, req);
        res.redirect(303, `/admin/inbox/${id}`);
      } catch (error) {
        if (!(error instanceof DeskRefusal)) throw error;
        await view(req, res, { message: error.message, draft: text(req.body, "text") });
      }
    };
    const desk = deps.handoff.desk;
    router.post("/inbox/:id/claim", act((me, id) => desk.claim(me, id)));
    router.post("/inbox/:id/reply", act(async (me, id, req) => desk.reply(me, id, await replyText(deps.db, req))));
    router.post("/inbox/:id/note", act((me, id, req) => desk.note(me, id, text(req.body, "text"))));
    router.post("/inbox/:id/transfer", act((me, id, req) => desk.transfer(me, id, text(req.body, "team"))));
    router.post("/inbox/:id/close", act((me, id, req) => desk.close(me, id, text(req.body, "worth_entry") === "1")));
  };
}

/** The typed reply, or the chosen canned reply when nothing was typed (pages without script). */
async function replyText(db: Database, req: Request): Promise<string> {
  const typed = text(req.body, "text");
  const cannedId = Number(text(req.body, "canned"));
  if (typed.trim() !== "" || !Number.isInteger(cannedId) || cannedId <= 0) return typed;
  return (await db.cannedReply.findUnique({ where: { id: cannedId } }))?.body ?? typed;
}
