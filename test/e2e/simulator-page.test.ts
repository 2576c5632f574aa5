import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./harness.js";

/**
 * The quick start's promise: a person opens /simulator and chats like a citizen on Zalo.
 * Uses Debian's chromium (.ci/run installs it); outside CI a machine without it skips this file.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install chromium)`);

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  if (!available) return;
  server = await startServer("http://127.0.0.1:9", { env: { ZALO_SIMULATOR: "on" } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(!available)("the /simulator page in a browser", () => {
  it("greets on follow, answers a typed question, and opens a detail when a button is tapped", async () => {
    const page = await browser.newPage({ viewport: { width: 400, height: 820 } });
    await page.goto(`${server.baseUrl}/simulator`);
    await page.getByRole("button", { name: "Quan tâm OA" }).click();
    await expect.poll(() => page.locator(".msg.bot").count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator(".msg.bot").first().textContent()).toMatch(/xin chào/i);

    await page.getByLabel("Tin nhắn").fill("thu tuc dang ky khai sinh cho con");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".msg.bot").count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const answer = page.locator(".msg.bot").nth(1);
    await expect.poll(() => answer.textContent()).toMatch(/khai sinh/i);

    await answer.getByRole("button", { name: "Giấy tờ cần chuẩn bị" }).click();
    await expect.poll(() => page.locator(".msg.bot").count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator(".msg.bot").nth(2).textContent()).toMatch(/Giấy tờ cần chuẩn bị — Đăng ký khai sinh/);
    await page.screenshot({ path: "test-results/simulator.png", fullPage: true });
  });
});
