import { startFakeZalo } from "../test/e2e/harness.js";

/** The simulated Zalo API in a process of its own, so the load generator measures only the server. */
const zalo = await startFakeZalo();
process.stdout.write(`${zalo.url}\n`);
process.on("SIGTERM", () => void zalo.close().then(() => process.exit(0)));
