import type { RequestHandler } from "express";
import type { LiveBus } from "../../handoff/live-bus.js";
import type { AdminKit } from "../kit.js";
import { maySeeHandoff } from "../policies.js";

const HEARTBEAT_MS = 25_000;

/** Server-Sent Events: what changed in the conversations this user may see (ids only, no text). */
export function liveEvents(kit: AdminKit, bus: LiveBus): RequestHandler {
  return (req, res) => {
    const me = kit.principal(req);
    res.set({ "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" });
    res.flushHeaders();
    res.write("retry: 3000\n\n");
    const unsubscribe = bus.subscribe((event) => {
      if (!maySeeHandoff(me, { teamId: event.teamId })) return;
      if (event.type === "alert" && event.leadId !== null && event.leadId !== me.id && !me.roles.includes("admin")) return;
      const data = event.type === "alert" ? { handoffId: event.handoffId, message: event.message } : { handoffId: event.handoffId, change: event.change };
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(": ping\n\n"), HEARTBEAT_MS);
    req.on("close", () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
