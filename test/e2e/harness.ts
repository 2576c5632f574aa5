import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import express from "express";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../src/generated/prisma/client.js";
import { FakeZaloOA } from "../../src/channel/zalo/simulator/fake-oa.js";
import { FakeCitizen } from "../../src/channel/zalo/simulator/fake-citizen.js";

export const APP_ID = "3608465249409039671";
export const OA_ID = "3886132808788086451";
export const OA_SECRET_KEY = "e2e-oa-secret-key";
export const APP_SECRET = "e2e-app-secret";
export const ENCRYPTION_KEY = "11".repeat(32);

/** The fake Zalo OA API on its own loopback port, as the real Zalo would be. */
export async function startFakeZalo(): Promise<{ fake: FakeZaloOA; url: string; close: () => Promise<void> }> {
  const fake = new FakeZaloOA(APP_SECRET, { accessToken: "e2e-access-0", refreshToken: "e2e-refresh-0" });
  const app = express();
  app.use(fake.router());
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { fake, url, close: () => new Promise((r) => server.close(() => r())) };
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface RunningServer {
  port: number;
  baseUrl: string;
  databaseUrl: string;
  child: ChildProcess;
  output: () => string;
  citizen: FakeCitizen;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Starts the real server (src/main.ts) as a child process, configured for a real OA at `zaloUrl`. */
export async function startServer(zaloUrl: string, options: { databaseUrl?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = await freePort();
  const databaseUrl = options.databaseUrl ?? `file:${path.join(mkdtempSync(path.join(tmpdir(), "trolydvc-e2e-")), "app.db")}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ZALO_SIMULATOR: "off",
      ZALO_APP_ID: APP_ID,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_OA_ID: OA_ID,
      ZALO_OA_SECRET_KEY: OA_SECRET_KEY,
      ZALO_ACCESS_TOKEN: "e2e-access-0",
      ZALO_REFRESH_TOKEN: "e2e-refresh-0",
      ZALO_API_BASE_URL: zaloUrl,
      ZALO_OAUTH_BASE_URL: zaloUrl,
      ZALO_HTTP_TIMEOUT_MS: "3000",
      TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
      SESSION_SECRET: "e2e-session-secret",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const res = await fetch(`${baseUrl}/healthz`).catch(() => null);
    return res?.status === 200;
  }, 30_000);
  const citizen = new FakeCitizen({ webhookUrl: `${baseUrl}/webhooks/zalo`, appId: APP_ID, oaId: OA_ID, oaSecretKey: OA_SECRET_KEY });
  return {
    port, baseUrl, databaseUrl, child, citizen,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill(signal);
      await exited;
    },
  };
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Reads the server's database from the test (SQLite allows a second reader). */
export function openDb(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
}

export const newUserId = (): string => `7${String(Math.floor(Math.random() * 1e17)).padStart(17, "0")}`;

