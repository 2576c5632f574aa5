import type { AddressInfo } from "node:net";
import express from "express";
import type { Config } from "../../../config.js";
import { FakeZaloOA } from "./fake-oa.js";

/** Starts the fake OA API on its own loopback port and points the configuration at it. */
export async function startSimulatedZalo(config: Config): Promise<{ fakeOa: FakeZaloOA; url: string; close: () => Promise<void> }> {
  const fakeOa = new FakeZaloOA(config.zalo.appSecret, {
    accessToken: config.zalo.initialAccessToken ?? "simulator-access-token",
    refreshToken: config.zalo.initialRefreshToken ?? "simulator-refresh-token",
  });
  const app = express();
  app.use(fakeOa.router());
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config.zalo.apiBaseUrl = url;
  config.zalo.oauthBaseUrl = url;
  return { fakeOa, url, close: () => new Promise((r) => server.close(() => r())) };
}
