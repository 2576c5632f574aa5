import autocannon from "autocannon";
import { signatureHeader } from "../src/channel/zalo/signature.js";
import { openLoop } from "./open-loop.js";
import { spawn } from "node:child_process";
import { APP_ID, OA_ID, OA_SECRET_KEY, startServer, waitFor } from "../test/e2e/harness.js";

/**
 * Webhook acknowledgement latency and throughput on loopback, database in the loop: the real
 * server runs as its own process; this process generates signed events and plays Zalo's API.
 * Every request is a new, correctly signed user_send_text event from one of 200 citizens.
 */
const USERS = 200;
let counter = 0;

function signedEvent(): { body: string; headers: Record<string, string> } {
  counter++;
  const timestamp = String(Date.now());
  const body = JSON.stringify({
    app_id: APP_ID, user_id_by_app: "1", event_name: "user_send_text",
    sender: { id: `5${String(counter % USERS).padStart(17, "0")}` }, recipient: { id: OA_ID },
    message: { msg_id: `bench-${process.pid}-${counter}`, text: counter % 2 ? "làm căn cước cần giấy tờ gì" : "đăng ký khai sinh ở đâu" },
    timestamp,
  });
  return { body, headers: { "content-type": "application/json", "x-zevent-signature": signatureHeader(APP_ID, body, timestamp, OA_SECRET_KEY) } };
}

/** Closed loop (autocannon): how many acknowledgements per second the server sustains. */
async function load(url: string, options: { seconds: number; connections: number }) {
  return autocannon({
    url,
    method: "POST",
    connections: options.connections,
    duration: options.seconds,
    requests: [{ method: "POST", setupRequest: (req) => ({ ...req, ...signedEvent() }) }],
  });
}

async function startZaloProcess(): Promise<{ url: string; sent: () => Promise<number>; close: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/fake-zalo-server.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve) => child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())));
  const sent = async () => ((await (await fetch(`${url}/_control/state`)).json()) as { sent: number }).sent;
  return { url, sent, close: () => child.kill("SIGTERM") };
}

export async function runWebhookBench(): Promise<string> {
  const zalo = await startZaloProcess();
  const server = await startServer(zalo.url, { env: { LOG_LEVEL: "warn" } });
  const drained = async (timeoutMs: number) => {
    const t = performance.now();
    await waitFor(async () => (await zalo.sent()) >= counter, timeoutMs, 250).catch(() => undefined);
    return (performance.now() - t) / 1000;
  };
  try {
    const url = `${server.baseUrl}/webhooks/zalo`;
    // Warm up (first use of each query shape compiles it), then start from an empty backlog.
    await openLoop(url, { rate: 100, seconds: 3, request: signedEvent });
    await drained(60_000);
    const fixed = await openLoop(url, { rate: 500, seconds: 10, request: signedEvent });
    const health = (await (await fetch(`${server.baseUrl}/healthz`)).json()) as { process: { eventLoopDelayMs: { p99: number; max: number } } };
    const backlogAtEnd = counter - (await zalo.sent());
    const drainSeconds = await drained(180_000);
    const repliedAfterFixed = await zalo.sent();
    const max = await load(url, { seconds: 5, connections: 50 });
    await drained(180_000);
    const lines = [
      "Webhook (real server process, SQLite, signature check, store, 200; replies sent to the simulated OA in its own process)",
      `  open loop at 500 events/s for 10 s (achieved ${fixed.achievedRate}/s): ${fixed.ok} acknowledged, ${fixed.failed} failed; ` +
        `ack latency p50 ${fixed.p50} ms, p99 ${fixed.p99} ms, max ${fixed.max} ms (target: p99 < 50 ms)`,
      `  server event-loop delay: p99 ${health.process.eventLoopDelayMs.p99} ms, max ${health.process.eventLoopDelayMs.max} ms`,
      `  replies: backlog of ${backlogAtEnd} events at the end of the run, drained in ${drainSeconds.toFixed(1)} s ` +
        `(processing ≈ ${Math.round((fixed.ok + 0) / (10 + drainSeconds))} events/s end to end)`,
      `  max acknowledgement throughput (autocannon, 50 connections, 5 s): ${Math.round(max.requests.average)} events/s, p99 ${max.latency.p99} ms`,
      `  every event answered once: ${(await zalo.sent()) === counter ? "yes" : "no"} (${await zalo.sent()} replies for ${counter} events; ${repliedAfterFixed} after the fixed-rate run)`,
    ];
    return lines.join("\n");
  } finally {
    await server.stop();
    zalo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runWebhookBench().then((r) => console.log(r), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
