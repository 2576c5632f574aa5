import { runMatchBench } from "./match.js";
import { runReportsBench } from "./reports.js";
import { runWebhookBench } from "./webhook.js";

/** npm run bench: every speed and memory figure of the README, measured on this machine. */
async function main(): Promise<void> {
  console.log(await runMatchBench());
  console.log();
  console.log(await runWebhookBench());
  console.log();
  console.log(await runReportsBench());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
