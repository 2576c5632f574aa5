import { existsSync, mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, createStaff, launchBrowser, signIn, tempDatabaseUrl } from "./admin-helpers.js";
import { startServer, type RunningServer } from "./harness.js";

/** Screenshots of the staff pages at an office PC's and a phone's size, and each page's weight. */
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install chromium)`);

const OUT = "test-results/screenshots";
const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } };
const PAGES = ["login", "home", "users", "user-edit", "teams", "team-edit", "routes", "audit"] as const;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  const databaseUrl = tempDatabaseUrl();
  await createStaff(databaseUrl, ["--username", "quantri", "--role", "admin", "--name", "Nguyễn Thị Quản Trị"]);
  await createStaff(databaseUrl, ["--username", "tran.van.binh", "--role", "agent", "--role", "editor", "--team", "dat-dai", "--team", "chung", "--name", "Trần Văn Bình – Bộ phận một cửa"]);
  await createStaff(databaseUrl, ["--username", "le.thi.hoa", "--role", "analyst", "--name", "Lê Thị Hoa"]);
  server = await startServer("http://127.0.0.1:9", { databaseUrl, env: { ZALO_SIMULATOR: "on" } });
  browser = await launchBrowser();
  mkdirSync(OUT, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(!available)("staff pages at 1366×768 and 390×844", () => {
  it("renders every page without horizontal overflow, each well under 200 KB", async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: "vi-VN" });
    const page = await ctx.newPage();
    await signIn(page, server.baseUrl, "quantri");
    await page.goto(`${server.baseUrl}/admin/teams/1`);
    await page.getByLabel("Tiêu đề").last().fill("Chào hỏi");
    await page.locator("#body").fill("Chào anh/chị, tôi là {ten_can_bo}, xin trả lời về {chu_de}.");
    await page.getByRole("button", { name: "Thêm", exact: true }).last().click();
    const teamUrl = page.url().split("?")[0]!;

    const urls: Record<(typeof PAGES)[number], string> = {
      login: "/admin/login", home: "/admin", users: "/admin/users", "user-edit": "/admin/users/2", teams: "/admin/teams",
      "team-edit": new URL(teamUrl).pathname, routes: "/admin/teams/routes", audit: "/admin/audit",
    };
    const weights: Record<string, number> = {};
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      for (const name of PAGES) {
        const target = name === "login" ? await browser.newPage({ viewport, locale: "vi-VN" }) : page;
        let bytes = 0;
        target.on("response", (r) => void r.body().then((b) => (bytes += b.length), () => undefined));
        await target.goto(`${server.baseUrl}${urls[name]}`);
        await target.waitForLoadState("networkidle");
        const overflow = await target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${name} at ${size} scrolls sideways`).toBeLessThanOrEqual(0);
        await target.screenshot({ path: `${OUT}/${name}-${size}.png`, fullPage: true });
        weights[name] = Math.max(weights[name] ?? 0, bytes);
        if (target !== page) await target.close();
      }
    }
    for (const [name, bytes] of Object.entries(weights)) expect(bytes, name).toBeLessThan(200_000);
    console.log("page weights (bytes, uncached):", weights);
    await ctx.close();
  });
});
