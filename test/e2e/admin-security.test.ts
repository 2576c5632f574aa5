import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, createStaff, launchBrowser, PASSWORD, signIn, tempDatabaseUrl } from "./admin-helpers.js";
import { openDb, startServer, type RunningServer } from "./harness.js";

/** The staff app's security promises, driven through the real server in Debian's Chromium. */
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install chromium)`);

const databaseUrl = tempDatabaseUrl();
const start = () => startServer("http://127.0.0.1:9", { databaseUrl, env: { ZALO_SIMULATOR: "on" } });
let server: RunningServer;
let browser: Browser;
let admin: BrowserContext;
const dialogs: string[] = [];

beforeAll(async () => {
  if (!available) return;
  await createStaff(databaseUrl, ["--username", "quantri", "--role", "admin", "--name", "Quản trị viên"]);
  await createStaff(databaseUrl, ["--username", "lan", "--role", "agent", "--team", "ho-tich", "--name", "Chị Lan"]);
  server = await start();
  browser = await launchBrowser();
  admin = await browser.newContext();
  admin.on("page", (p) =>
    p.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    }),
  );
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sessionCookie = async (ctx: BrowserContext) => (await ctx.cookies()).find((c) => c.name === "dvc_staff")?.value;

describe.skipIf(!available)("the staff app's security in a browser", () => {
  it("signs in with a fresh session id, whatever cookie the browser had before", async () => {
    await admin.addCookies([{ name: "dvc_staff", value: "planted-by-attacker", url: server.baseUrl }]);
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await signIn(page, server.baseUrl, "quantri");
    expect(new URL(page.url()).pathname).toBe("/admin/users");
    await expect.poll(() => page.getByRole("heading", { name: "Người dùng" }).isVisible()).toBe(true);
    const token = await sessionCookie(admin);
    expect(token).toBeDefined();
    expect(token).not.toBe("planted-by-attacker");
    const db = openDb(databaseUrl);
    const row = await db.staffSession.findUnique({ where: { id: createHash("sha256").update(token!).digest("hex") } });
    await db.$disconnect();
    expect(row).not.toBeNull();
    const cookie = (await admin.cookies()).find((c) => c.name === "dvc_staff");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });

  it("locks an account after five wrong passwords, with the same message as for an unknown user", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const alertText = () => page.getByRole("alert").textContent();
    await page.goto(`${server.baseUrl}/admin/login`);
    await signIn(page, server.baseUrl, "khong-ai-ca", PASSWORD);
    const unknownUser = await alertText();
    expect(unknownUser).toMatch(/Tên đăng nhập hoặc mật khẩu không đúng/);
    for (let i = 0; i < 5; i++) {
      await signIn(page, server.baseUrl, "lan", `sai mật khẩu lần ${i}`);
      expect(await alertText()).toBe(unknownUser);
    }
    await signIn(page, server.baseUrl, "lan", PASSWORD);
    expect(await alertText()).toBe(unknownUser);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await ctx.close();
  });

  it("refuses a form posted without its CSRF token, the login form included", async () => {
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/admin/teams/new`);
    await page.locator('main input[name="_csrf"]').evaluate((el) => el.remove());
    await page.getByLabel("Tên nhóm").fill("Nhóm không token");
    const refused = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Tạo nhóm" }).click();
    expect((await refused).status()).toBe(403);
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Biểu mẫu đã hết hạn hoặc không hợp lệ/);

    const ctx = await browser.newContext();
    const login = await ctx.newPage();
    await login.goto(`${server.baseUrl}/admin/login`);
    await login.locator('input[name="_csrf"]').evaluate((el) => el.remove());
    await login.getByLabel("Tên đăng nhập").fill("quantri");
    await login.getByLabel("Mật khẩu").fill(PASSWORD);
    const loginRefused = login.waitForResponse((r) => r.request().method() === "POST");
    await login.getByRole("button", { name: "Đăng nhập" }).click();
    expect((await loginRefused).status()).toBe(403);
    expect(await sessionCookie(ctx)).toBeUndefined();
    await ctx.close();
  });

  it("shows a <script> typed into a team name or a display name as text", async () => {
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/admin/teams/new`);
    await page.getByLabel("Tên nhóm").fill("<script>alert('nhom')</script>");
    await page.getByRole("button", { name: "Tạo nhóm" }).click();
    await page.goto(`${server.baseUrl}/admin/teams`);
    await expect.poll(() => page.getByText("<script>alert('nhom')</script>").isVisible()).toBe(true);

    await page.goto(`${server.baseUrl}/admin/users/new`);
    await page.getByLabel("Tên đăng nhập").fill("bientap");
    await page.getByLabel("Tên hiển thị").fill(`<script>alert("ten")</script><img src=x onerror=alert(1)>`);
    await page.getByLabel("Biên tập viên").check();
    await page.getByLabel("Mật khẩu ban đầu").fill(PASSWORD);
    await page.getByRole("button", { name: "Tạo người dùng" }).click();
    await expect.poll(() => page.locator(".notice").textContent()).toMatch(/Đã tạo người dùng/);
    await page.goto(`${server.baseUrl}/admin/users`);
    await expect.poll(() => page.getByText(`<script>alert("ten")</script><img src=x onerror=alert(1)>`).isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
  });

  it("gives an editor 403 on user management and ends the session at logout", async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, "bientap");
    const res = await page.goto(`${server.baseUrl}/admin/users`);
    expect(res?.status()).toBe(403);
    await expect.poll(() => page.locator("main").textContent()).toMatch(/Bạn không có quyền/);
    await expect.poll(() => page.getByRole("link", { name: "Người dùng" }).count()).toBe(0);

    const before = await sessionCookie(ctx);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(/\/admin\/login$/);
    const replay = await browser.newContext();
    await replay.addCookies([{ name: "dvc_staff", value: before!, url: server.baseUrl }]);
    const again = await replay.newPage();
    await again.goto(`${server.baseUrl}/admin`);
    expect(new URL(again.url()).pathname).toBe("/admin/login");
    await Promise.all([ctx.close(), replay.close()]);
  });

  it("sends a CSP without 'unsafe-inline' and with frame-ancestors 'none', and no-store on pages", async () => {
    const res = await fetch(`${server.baseUrl}/admin/login`);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const css = /href="(\/admin\/static\/admin\.css\?v=\w+)"/.exec(await res.text())?.[1];
    const asset = await fetch(`${server.baseUrl}${css}`);
    expect(asset.headers.get("cache-control")).toMatch(/max-age=31536000/);
  });

  it("keeps sessions across a server restart", async () => {
    await server.stop();
    server = await start();
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin");
    await expect.poll(() => page.getByRole("heading", { name: "Xin chào, Quản trị viên" }).isVisible()).toBe(true);
  });
});
