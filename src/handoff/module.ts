import type { Logger } from "../logger.js";
import type { Province } from "../knowledge/province-schema.js";
import type { Database } from "../storage/database.js";
import { recordAudit } from "../staff/audit.js";
import { parseOfficeCalendar, type OfficeCalendar } from "./calendar-schema.js";
import { HandoffDesk, type OutboxFlusher } from "./desk.js";
import { LiveBus } from "./live-bus.js";
import { HandoffService } from "./service.js";
import { HandoffSweeper } from "./sweeper.js";
import { describeSchedule } from "./texts.js";

export interface HandoffModule {
  bus: LiveBus;
  calendar: OfficeCalendar;
  service: HandoffService;
  desk: HandoffDesk;
  sweeper: HandoffSweeper;
  /** The weekly office hours as citizens and canned replies read them. */
  officeHoursText: string;
  /** The outbox settled a message for this citizen: open inbox pages refresh its delivery state. */
  deliveryChanged(userId: string): Promise<void>;
}

/** Builds the handoff domain from the province's calendar; `now` is injected for tests. */
export function createHandoff(deps: { db: Database; province: Province; outbox: OutboxFlusher; logger: Logger; now?: () => number }): HandoffModule {
  const now = deps.now ?? Date.now;
  const calendar = parseOfficeCalendar(deps.province as Record<string, unknown>);
  const bus = new LiveBus();
  const officeHoursText = describeSchedule(calendar);
  const service = new HandoffService({ calendar, officeHoursText, now });
  const desk = new HandoffDesk({
    db: deps.db,
    service,
    calendar,
    bus,
    outbox: deps.outbox,
    now,
    audit: (tx, actor, action, handoff, after) =>
      recordAudit(tx, { actor, action, targetType: "handoff", targetId: String(handoff.id), before: { status: handoff.status, teamId: handoff.teamId, assigneeId: handoff.assigneeId }, after }),
  });
  const sweeper = new HandoffSweeper({ db: deps.db, service, calendar, bus, logger: deps.logger, now });
  return {
    bus,
    calendar,
    service,
    desk,
    sweeper,
    officeHoursText,
    async deliveryChanged(userId) {
      const open = await deps.db.handoff.findFirst({ where: { userId }, orderBy: { id: "desc" }, select: { id: true, teamId: true } });
      if (open) bus.publish({ type: "handoff", handoffId: open.id, teamId: open.teamId, change: "delivery" });
    },
  };
}
