import express, { type ErrorRequestHandler, type Express } from "express";
import helmet from "helmet";
import { QueryLog } from "./analytics/query-log.js";
import { ZaloClient } from "./channel/zalo/client.js";
import { ZaloOAuthClient } from "./channel/zalo/oauth-client.js";
import { OutboxSender } from "./channel/zalo/outbox-sender.js";
import { TokenManager } from "./channel/zalo/token-manager.js";
import { webhookRouter } from "./channel/zalo/webhook.js";
import type { Config } from "./config.js";
import { Assistant } from "./conversation/assistant.js";
import { EventPipeline } from "./conversation/pipeline.js";
import { createKnowledge, type KnowledgeModule } from "./knowledge/module.js";
import type { Logger } from "./logger.js";
import { healthRouter } from "./health.js";
import type { FakeZaloOA } from "./channel/zalo/simulator/fake-oa.js";
import { simulatorRouter } from "./channel/zalo/simulator/routes.js";
import { openDatabase, type Database } from "./storage/database.js";
import { SerialLane } from "./storage/serial-lane.js";
import { adminRouter, type AdminMount } from "./admin/router.js";
import { inboxRoutes } from "./admin/inbox/routes.js";
import { reportsRoutes } from "./admin/reports/routes.js";
import { knowledgeRoutes } from "./admin/knowledge/routes.js";
import { citizenRoutes } from "./admin/citizen-routes.js";
import { privacyRouter } from "./privacy/routes.js";
import { createHandoff, type HandoffModule } from "./handoff/module.js";
import { runHousekeeping } from "./privacy/housekeeping.js";
import { seedDefaultTeams } from "./staff/teams.js";

export interface Services {
  app: Express;
  db: Database;
  pipeline: EventPipeline;
  outbox: OutboxSender;
  tokens: TokenManager;
  handoff: HandoffModule;
  knowledge: KnowledgeModule;
  /** Finish what was acknowledged before a restart, then keep retrying due sends and refreshing the token. */
  startBackgroundWork(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the whole assistant from configuration: storage, knowledge, conversation and the Zalo channel. */
export async function createServices(config: Config, logger: Logger, options: { fakeOa?: FakeZaloOA; adminMounts?: AdminMount[] } = {}): Promise<Services> {
  const db = await openDatabase(config.databaseUrl);
  const knowledge = await createKnowledge({ db, config, logger });
  const live = knowledge.live.current();

  const z = config.zalo;
  const oauth = new ZaloOAuthClient(z.oauthBaseUrl, z.appId, z.appSecret, z.httpTimeoutMs);
  const tokens = new TokenManager(db, oauth, logger, {
    oaId: z.oaId,
    encryptionKey: config.tokenEncryptionKey,
    initialAccessToken: z.initialAccessToken,
    initialRefreshToken: z.initialRefreshToken,
    refreshAheadMs: z.refreshAheadMs,
    leaseMs: z.httpTimeoutMs * 2 + 5_000,
  });
  const client = new ZaloClient(tokens, logger, { baseUrl: z.apiBaseUrl, timeoutMs: z.httpTimeoutMs });
  const lane = new SerialLane();
  const outbox = new OutboxSender(db, client, logger, lane);
  const assistant = new Assistant({ knowledge: () => knowledge.live.current(), privacyUrl: `${config.publicBaseUrl}/privacy` });
  await seedDefaultTeams(db);
  const handoff = createHandoff({ db, province: live.kb.province, outbox, logger });
  outbox.onSettled((userId) => handoff.deliveryChanged(userId));
  const queryLog = new QueryLog(config.sessionSecret);
  const pipeline = new EventPipeline({ db, assistant, queryLog, outbox, handoffs: handoff.service, bus: handoff.bus, logger, lane });

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", 1);
  app.use(helmet({ contentSecurityPolicy: { directives: { "script-src": ["'self'"] } } }));
  app.use(privacyRouter({ config, province: live.kb.province }));
  const webhook = webhookRouter(db, logger, {
    appId: z.appId,
    oaSecretKey: z.oaSecretKey,
    strictSignature: config.webhook.strictSignature,
    bodyLimit: config.webhook.bodyLimit,
    onEvent: (id, userId) => pipeline.enqueue(id, userId),
  });
  app.use(webhook.router);
  app.use(healthRouter({ db, tokens, counters: webhook.counters, simulator: config.simulator }));
  if (options.fakeOa) {
    app.use(simulatorRouter({ fakeOa: options.fakeOa, appId: z.appId, oaId: z.oaId, oaSecretKey: z.oaSecretKey }));
  }
  const inbox = inboxRoutes({ db, handoff, config });
  const citizens: AdminMount = (router, kit) => void router.use(citizenRoutes(kit));
  app.use("/admin", adminRouter({ db, config, logger, mounts: [inbox, citizens, knowledgeRoutes({ db, knowledge, handoff }), reportsRoutes({ calendar: handoff.calendar, knowledge: () => knowledge.live.current() }), ...(options.adminMounts ?? [])] }));
  app.use((_req, res) => res.status(404).json({ error: "Không tìm thấy địa chỉ này." }));
  app.use(errorHandler(logger));

  const timers: NodeJS.Timeout[] = [];
  return {
    app,
    db,
    pipeline,
    outbox,
    tokens,
    handoff,
    knowledge,
    async startBackgroundWork() {
      const recovered = await pipeline.recover();
      if (recovered > 0) logger.info({ recovered }, "finishing events acknowledged before the restart");
      await outbox.flushDue();
      timers.push(setInterval(() => void outbox.flushDue().catch((e: Error) => logger.error({ err: e.message }, "outbox sweep failed")), 5_000));
      timers.push(setInterval(() => void tokens.refreshIfDue(), 10 * 60_000));
      const sweep = () => void lane.run(() => handoff.sweeper.run()).catch((e: Error) => logger.error({ err: e.message }, "handoff sweep failed"));
      timers.push(setInterval(sweep, config.handoffSweepMs));
      const housekeeping = () => runHousekeeping(db, config, logger);
      await housekeeping();
      timers.push(setInterval(() => void housekeeping().catch((e: Error) => logger.error({ err: e.message }, "retention purge failed")), 60 * 60_000));
      for (const t of timers) t.unref();
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await pipeline.idle();
      await outbox.idle();
      await db.$disconnect();
    },
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: { status?: number; type?: string; message?: string }, _req, res, _next) => {
    if (error.type === "entity.too.large" || error.status === 413) {
      res.status(413).json({ error: "Nội dung gửi lên quá lớn." });
      return;
    }
    if (error.status && error.status >= 400 && error.status < 500) {
      res.status(error.status).json({ error: "Yêu cầu không hợp lệ." });
      return;
    }
    logger.error({ err: error.message }, "request failed");
    res.status(500).json({ error: "Lỗi máy chủ, vui lòng thử lại sau." });
  };
}
