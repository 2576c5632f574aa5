import http from "node:http";

export interface OpenLoopResult {
  sent: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  max: number;
  achievedRate: number;
}

/**
 * Sends requests at a fixed rate, evenly spaced, whatever the server's speed (open loop), and
 * measures each latency from the moment the request was due: queueing is counted, not hidden.
 * Bounded in count and time; aimed only at the loopback URL it is given.
 */
export async function openLoop(url: string, options: { rate: number; seconds: number; request: () => { body: string; headers: Record<string, string> } }): Promise<OpenLoopResult> {
  const target = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(target.hostname)) throw new Error("load is only sent to loopback");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = options.request();
    inflight.push(
      new Promise<void>((resolve) => {
        const req = http.request(target, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) }, timeout: 10_000 }, (res) => {
          res.resume();
          res.on("end", () => {
            if (res.statusCode === 200) latencies.push(performance.now() - due);
            else failed++;
            resolve();
          });
        });
        req.on("error", () => (failed++, resolve()));
        req.on("timeout", () => req.destroy());
        req.end(body);
      }),
    );
  }
  await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return { sent: total, ok: latencies.length, failed, p50: at(0.5), p99: at(0.99), max: round(latencies.at(-1) ?? NaN), achievedRate: Math.round(total / elapsed) };
}

const round = (n: number) => Math.round(n * 10) / 10;
