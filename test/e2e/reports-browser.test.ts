import { existsSync, mkdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayStart, vnDay } from "../../src/analytics/vn-time.js";
import { CHROMIUM, createStaff, launchBrowser, signIn as fillSignIn } from "./admin-helpers.js";
import { startFakeZalo, startServer, type RunningServer } from "./harness.js";

/** The analysts' reports in a browser: figures follow the date range, CSV opens in Vietnamese, agents are kept out. */
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install chromium)`);

let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
let server: RunningServer;
let browser: Browser;
const today = vnDay(Date.now());
const early = addDays(today, -10);
const late = addDays(today, -3);

/** Writes query log rows into the server's database, as the pipeline would have. */
function seed(databaseUrl: string): void {
  const db = new Database(databaseUrl.slice("file:".length));
  const insert = db.prepare("INSERT INTO QueryLog (createdAt, userKey, text, band, matchedId, topic, score, outcome, latencyMs, suggestions) VALUES (?, ?, ?, ?, ?, ?, 0.9, ?, 40, '[]')");
  const at = (day: string, hour: number) => new Date(dayStart(day).getTime() + hour * 3_600_000).toISOString().replace("Z", "+00:00");
  for (const [i, user] of ["a", "b", "c", "d", "e"].entries()) insert.run(at(early, 9 + i), user, "làm căn cước ở đâu", "answer", "cccd-noi-lam", "cccd", "answered");
  for (const [i, user] of ["a", "f", "g"].entries()) insert.run(at(late, 8 + i), user, "thanh toán lệ phí bị lỗi số 001203004567", "fallback", null, null, "fallback");
  for (const [i, user] of ["h", "k", "l", "m"].entries()) insert.run(at(late, 14 + i), user, "lệ phí làm hộ chiếu", "suggest", null, "ho-chieu", "suggested");
  db.close();
}

async function signIn(username: string, width = 1366): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 768 }, acceptDownloads: true });
  await fillSignIn(page, server.baseUrl, username);
  await page.waitForURL(/\/admin\/?$/);
  return page;
}

const questionsCell = (page: Page) => page.locator("#report-volume tbody tr td:nth-child(2)").allTextContents();

beforeAll(async () => {
  if (!available) return;
  mkdirSync("test-results/screenshots", { recursive: true });
  zalo = await startFakeZalo();
  server = await startServer(zalo.url);
  seed(server.databaseUrl);
  await createStaff(server.databaseUrl, ["--username", "phan.tich", "--name", "Lê Thị Số Liệu", "--role", "analyst"]);
  await createStaff(server.databaseUrl, ["--username", "canbo.hotich", "--name", "Trần Thị Hộ", "--role", "agent", "--team", "ho-tich"]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await zalo?.close();
});

describe.skipIf(!available)("the reports in a browser", () => {
  it("shows figures that follow the date range, and downloads a CSV Excel reads as Vietnamese", async () => {
    const page = await signIn("phan.tich");
    await page.getByRole("link", { name: "Báo cáo" }).first().click();
    await page.waitForURL(/\/admin\/reports/);
    await page.getByLabel("Từ ngày").fill(early);
    await page.getByLabel("Đến ngày").fill(early);
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/from=/);
    expect(await questionsCell(page)).toEqual(["5"]);

    await page.getByLabel("Đến ngày").fill(today);
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(new RegExp(`to=${today}`));
    expect(await questionsCell(page)).toEqual(["5", "7"]);
    await expect.poll(() => page.locator("#report-volume canvas").evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    expect(await page.locator("#report-questions").textContent()).toContain("làm căn cước ở đâu");
    await page.screenshot({ path: "test-results/screenshots/reports-1366.png", fullPage: true });

    const download = page.waitForEvent("download");
    await page.locator("#report-questions a.csv").click();
    const csv = readFileSync((await (await download).path()) as string, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Câu hỏi,Số lần hỏi,Số người hỏi");
    expect(csv).toContain("làm căn cước ở đâu,5,5");
    expect(csv).not.toContain("001203004567");
  });

  it("fits a phone screen", async () => {
    const page = await signIn("phan.tich", 390);
    await page.goto(`${server.baseUrl}/admin/reports?from=${early}&to=${today}`);
    await page.screenshot({ path: "test-results/screenshots/reports-390.png", fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("keeps an agent without the analyst role out", async () => {
    const page = await signIn("canbo.hotich");
    expect(await page.getByRole("link", { name: "Báo cáo" }).count()).toBe(0);
    const response = await page.goto(`${server.baseUrl}/admin/reports`);
    expect(response?.status()).toBe(403);
    expect((await page.request.get(`${server.baseUrl}/admin/reports/volume.csv`)).status()).toBe(403);
  });
});
