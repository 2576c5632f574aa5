import type { AddressInfo } from "node:net";
import { ConfigError, loadConfig } from "./config.js";
import { KnowledgeError } from "./knowledge/loader.js";
import { createLogger } from "./logger.js";
import { createServices } from "./server.js";
import { startSimulatedZalo } from "./channel/zalo/simulator/start.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, pretty: config.env !== "production" && process.stdout.isTTY });
  const simulated = config.simulator ? await startSimulatedZalo(config) : undefined;
  const services = await createServices(config, logger, { fakeOa: simulated?.fakeOa });
  const server = services.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const port = (server.address() as AddressInfo).port;
  await services.startBackgroundWork();

  if (simulated) {
    logger.info(`Trợ lý đang chạy với Zalo giả lập. Mở http://localhost:${port}/simulator để trò chuyện.`);
  } else {
    logger.info({ port }, `Trợ lý đang chạy. Webhook Zalo: POST /webhooks/zalo (cổng ${port}).`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    server.close();
    await services.close();
    await simulated?.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof KnowledgeError) {
    console.error(error.message);
  } else {
    console.error("Không khởi động được:", error);
  }
  process.exit(1);
});
