import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, dayStart, quarterOf, vnDay } from "../../src/analytics/vn-time.js";
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
  for (const [i, rating] of ["up", "up", "down"].entries()) insert.run(at(late, 10 + i), `r${i}`, `rating ${i}`, "command", "cccd-cap-doi", "cccd", `rated:${rating}`);
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
    const ratings = page.locator("#report-entry-ratings tbody tr").first();
    expect((await ratings.locator("td").allTextContents()).map((t) => t.trim())).toEqual(["Cấp đổi thẻ căn cước (hết hạn, đổi thông tin, đổi từ CCCD)", "2", "1", "66,7 %"]);
    await page.locator("#report-entry-ratings").screenshot({ path: "test-results/screenshots/reports-entry-ratings-1366.png" });
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
    await page.locator("#report-entry-ratings").screenshot({ path: "test-results/screenshots/reports-entry-ratings-390.png" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });

  it("shows the service gaps with their wordings, and the analyst corrects a label (audited)", async () => {
    const page = await signIn("phan.tich");
    await page.goto(`${server.baseUrl}/admin/reports`);
    await page.getByRole("link", { name: "Vướng mắc dịch vụ công" }).click();
    await page.getByLabel("Từ ngày").fill(early);
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/gaps\?from=/);
    const summary = page.locator("#report-gaps");
    expect(await summary.textContent()).toContain("Thanh toán trực tuyến lỗi hoặc khó hiểu");
    expect(await summary.textContent()).toContain("thanh toán lệ phí bị lỗi số [số giấy tờ]");
    expect(await page.content()).not.toContain("001203004567");
    await expect.poll(() => page.locator("#report-gap-trend canvas").evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/screenshots/reports-gaps-1366.png", fullPage: true });

    const item = page.locator(".label-item", { hasText: "thanh toán lệ phí bị lỗi" });
    expect(await item.textContent()).toContain("Chưa xem xét");
    await item.getByLabel("Vướng mắc").selectOption({ label: "Thủ tục chưa làm được trực tuyến hoặc chỉ một phần" });
    await item.getByRole("button", { name: "Lưu nhãn" }).click();
    await page.waitForURL(/done=saved/);
    expect(await page.getByRole("status").textContent()).toContain("Đã lưu nhãn");
    expect(await page.locator(".label-item", { hasText: "thanh toán lệ phí bị lỗi" }).textContent()).toContain("Đã sửa (gợi ý: Thanh toán trực tuyến lỗi hoặc khó hiểu)");
    const db = new Database(server.databaseUrl.slice("file:".length), { readonly: true });
    const audit = db.prepare("SELECT action, after FROM AuditLog WHERE targetType = 'gap_label'").all() as { action: string; after: string }[];
    db.close();
    expect(audit.map((a) => a.action)).toEqual(["gap_label.corrected"]);
    expect(audit[0]?.after).toContain("not-online");

    const download = page.waitForEvent("download");
    await page.locator("#report-gaps a.csv").click();
    const csv = readFileSync((await (await download).path()) as string, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain("Vướng mắc,Số câu hỏi");
    expect(csv).not.toContain("001203004567");
  });

  it("shows the evidence for the national index, saying what it cannot tell", async () => {
    const page = await signIn("phan.tich");
    await page.goto(`${server.baseUrl}/admin/reports`);
    await page.getByRole("link", { name: "Chỉ số phục vụ (QĐ 766)" }).click();
    await page.waitForURL(/index-766/);
    expect(await page.getByRole("heading", { name: "Số liệu của Trợ lý không cho biết" }).count()).toBe(1);
    const groups = await page.locator("#report-index-groups").textContent();
    expect(groups).toContain("Thanh toán trực tuyến lỗi hoặc khó hiểu");
    expect(groups).toContain("Trợ lý không có bằng chứng cho nhóm này");
    expect(await page.locator("#report-index-months tbody tr").count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/screenshots/reports-index-1366.png", fullPage: true });
  });

  it("downloads the quarterly report as Word and PDF, in Vietnamese", async () => {
    const page = await signIn("phan.tich");
    await page.goto(`${server.baseUrl}/admin/reports`);
    await page.getByLabel("Quý", { exact: true }).selectOption(quarterOf(late));
    const word = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải bản Word (.docx)" }).click();
    const docx = await word;
    expect(docx.suggestedFilename()).toMatch(/^bao-cao-quy-\d-\d{4}\.docx$/);
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync((await docx.path()) as string)))["word/document.xml"] as Uint8Array).replace(/<[^>]+>/g, "");
    expect(xml).toContain("NHỮNG VƯỚNG MẮC CHÍNH CỦA NGƯỜI DÂN");
    expect(xml).toContain("Thanh toán trực tuyến lỗi hoặc khó hiểu");
    expect(xml).not.toContain("001203004567");

    const pdf = page.waitForEvent("download");
    await page.getByRole("button", { name: "Tải bản PDF" }).click();
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", (await (await pdf).path()) as string, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("ĐỀ XUẤT, KIẾN NGHỊ");
    expect(text).toContain("Số câu hỏi người dân gửi");
  });

  it("fits the new pages on a phone screen", async () => {
    const page = await signIn("phan.tich", 390);
    for (const [name, url] of [["gaps", `/admin/reports/gaps?from=${early}&to=${today}`], ["index", "/admin/reports/index-766"]]) {
      await page.goto(`${server.baseUrl}${url}`);
      await page.screenshot({ path: `test-results/screenshots/reports-${name}-390.png`, fullPage: true });
      await page.screenshot({ path: `test-results/screenshots/reports-${name}-390-top.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await page.goto(`${server.baseUrl}/admin/reports/gaps?from=${early}&to=${today}`);
    await page.locator("#labels").screenshot({ path: "test-results/screenshots/reports-gaps-labels-390.png" });
  });

  it("keeps an agent without the analyst role out", async () => {
    const page = await signIn("canbo.hotich");
    expect(await page.getByRole("link", { name: "Báo cáo" }).count()).toBe(0);
    const response = await page.goto(`${server.baseUrl}/admin/reports`);
    expect(response?.status()).toBe(403);
    for (const url of ["/admin/reports/volume.csv", "/admin/reports/gaps", "/admin/reports/index-766", "/admin/reports/quarterly.docx"]) expect((await page.request.get(`${server.baseUrl}${url}`)).status()).toBe(403);
  });
});
