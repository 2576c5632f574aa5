import { monitorEventLoopDelay } from "node:perf_hooks";
import express, { type Router } from "express";
import type { WebhookCounters } from "./channel/zalo/webhook.js";
import type { TokenManager } from "./channel/zalo/token-manager.js";
import { databaseIsHealthy, type Database } from "./storage/database.js";

/** GET /healthz: process, database and Zalo-token state. 503 only when the database is down. */
export function healthRouter(deps: { db: Database; tokens: Pick<TokenManager, "health">; counters: WebhookCounters; simulator: boolean }): Router {
  const router = express.Router();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  router.get("/healthz", async (_req, res) => {
    const database = (await databaseIsHealthy(deps.db)) ? "ok" : "error";
    const zaloToken = database === "ok" ? await deps.tokens.health().catch(() => "degraded" as const) : "unknown";
    const outbox = database === "ok" ? await outboxCounts(deps.db) : null;
    const status = database !== "ok" ? "error" : zaloToken === "ok" ? "ok" : "degraded";
    res.status(database === "ok" ? 200 : 503).json({
      status,
      process: {
        uptimeSeconds: Math.round(process.uptime()),
        rssMb: Math.round(process.memoryUsage().rss / 1048576),
        eventLoopDelayMs: { p99: Math.round(loopDelay.percentile(99) / 1e6), max: Math.round(loopDelay.max / 1e6) },
      },
      database,
      zaloToken,
      simulator: deps.simulator,
      webhook: deps.counters,
      outbox,
    });
  });
  return router;
}

async function outboxCounts(db: Database) {
  const groups = await db.outboundMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}
