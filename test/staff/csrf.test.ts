import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRouter } from "../../src/admin/router.js";
import { loadConfig } from "../../src/config.js";
import { createUser } from "../../src/staff/accounts.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "../helpers/db.js";
import { silentLogger } from "../helpers/logger.js";

const PASSWORD = "mật khẩu đủ dài 2026";
let db: Database;
let base: string;
let close: () => void;

beforeAll(async () => {
  db = (await tempDatabase()).db;
  await createUser(db, { username: "quantri", password: PASSWORD, roles: ["admin"] });
  const app = express();
  app.use("/admin", adminRouter({ db, config: loadConfig({ NODE_ENV: "test" }), logger: silentLogger }));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await db.$disconnect();
});

const cookiesOf = (res: Response): string => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (path: string, body: string, cookie = "", headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: "POST", redirect: "manual", body, headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers } });

async function loginPage(): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/login`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? "";
  return { cookie: cookiesOf(res), token };
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const page = await loginPage();
  const res = await post("/login", form({ _csrf: page.token, username: "quantri", password: PASSWORD }), page.cookie);
  expect(res.status).toBe(303);
  const cookie = cookiesOf(res);
  const home = await (await fetch(`${base}/`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home)?.[1] ?? "" };
}

describe("CSRF protection", () => {
  it("refuses a login without the double-submit token, or with a token from another browser", async () => {
    const page = await loginPage();
    const other = await loginPage();
    const missing = await post("/login", form({ username: "quantri", password: PASSWORD }), page.cookie);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toMatch(/Biểu mẫu đã hết hạn/);
    expect((await post("/login", form({ _csrf: other.token, username: "quantri", password: PASSWORD }), page.cookie)).status).toBe(403);
    expect((await post("/login", form({ _csrf: page.token, username: "quantri", password: PASSWORD }), page.cookie)).status).toBe(303);
  });

  it("refuses a signed-in POST without the session's token, accepts the field or the header", async () => {
    const { cookie, csrf } = await signIn();
    const body = { name: "Nhóm thử", noReplyMinutes: "15" };
    expect((await post("/teams", form(body), cookie)).status).toBe(403);
    expect((await post("/teams", form({ ...body, _csrf: "sai" }), cookie)).status).toBe(403);
    expect((await post("/teams", form({ ...body, _csrf: csrf }), cookie)).status).toBe(303);
    expect((await post("/teams", form(body), cookie, { "x-csrf-token": csrf })).status).toBe(303);
  });

  it("refuses a POST with no session at all", async () => {
    expect((await post("/teams", form({ name: "x", noReplyMinutes: "1" }))).status).toBe(403);
  });

  it("sends a signed-out GET to the login page with a same-site next only", async () => {
    const res = await fetch(`${base}/users?x=1`, { redirect: "manual" });
    expect(res.headers.get("location")).toBe(`/admin/login?next=${encodeURIComponent("/admin/users?x=1")}`);
    const page = await loginPage();
    const evil = await post("/login", form({ _csrf: page.token, username: "quantri", password: PASSWORD, next: "//evil.example/admin" }), page.cookie);
    expect(evil.headers.get("location")).toBe("/admin");
  });
});
