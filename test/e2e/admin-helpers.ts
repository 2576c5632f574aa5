import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const PASSWORD = "mật khẩu thử nghiệm dài";

export const tempDatabaseUrl = (): string => `file:${path.join(mkdtempSync(path.join(tmpdir(), "trolydvc-admin-")), "app.db")}`;

/** Creates a staff account the way an operator does: `npm run user:create` with NEW_USER_PASSWORD. */
export async function createStaff(databaseUrl: string, args: string[], password = PASSWORD): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli/user-create.ts", ...args], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, NEW_USER_PASSWORD: password, LOG_LEVEL: "silent" },
  });
  return stdout;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}

/** Fills the login form, on the current page when it is already the login page (keeping its ?next=). */
export async function signIn(page: Page, baseUrl: string, username: string, password = PASSWORD): Promise<void> {
  if (!page.url().startsWith(`${baseUrl}/admin/login`)) await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.waitForLoadState("domcontentloaded");
}
