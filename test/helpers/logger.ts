import { createLogger } from "../../src/logger.js";

export const silentLogger = createLogger({ level: "silent", pretty: false });
