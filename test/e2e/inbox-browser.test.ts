import { existsSync, mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, createStaff, launchBrowser, signIn as fillSignIn } from "./admin-helpers.js";
import { newUserId, startFakeZalo, startServer, waitFor, type RunningServer } from "./harness.js";

/**
 * The handoff, end to end as the issue describes it: a citizen asks for a cán bộ on (simulated)
 * Zalo, an agent of the right team sees it arrive live, claims it, replies, closes; others cannot see it.
 */
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs chromium at ${CHROMIUM} (apt-get install chromium)`);

let zalo: Awaited<ReturnType<typeof startFakeZalo>>;
let server: RunningServer;
let browser: Browser;

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await fillSignIn(page, server.baseUrl, username);
  await page.waitForURL(/\/admin\/?$/);
  return page;
}

const texts = (user: string) => zalo.fake.messagesFor(user).map((m) => m.message.text ?? "");

beforeAll(async () => {
  if (!available) return;
  mkdirSync("test-results/screenshots", { recursive: true });
  zalo = await startFakeZalo();
  server = await startServer(zalo.url, { env: { HANDOFF_SWEEP_SECONDS: "1" } });
  await createStaff(server.databaseUrl, ["--username", "canbo.datdai", "--name", "Nguyễn Văn Đất", "--role", "agent", "--team", "dat-dai"]);
  await createStaff(server.databaseUrl, ["--username", "canbo.hotich", "--name", "Trần Thị Hộ", "--role", "agent", "--team", "ho-tich"]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await zalo?.close();
});

describe.skipIf(!available)("the handoff inbox in a browser", () => {
  it("routes a land question to the land team, live; the agent claims, replies, notes and closes", async () => {
    const agent = await signIn("canbo.datdai");
    await agent.goto(`${server.baseUrl}/admin/inbox`);
    await agent.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const citizen = newUserId();
    await server.citizen.sendText(citizen, "thủ tục sang tên sổ đỏ khi mua đất");
    await waitFor(() => texts(citizen).length >= 1);
    await server.citizen.sendText(citizen, "gap can bo");
    await waitFor(() => texts(citizen).some((t) => /Cán bộ nhóm Đất đai, xây dựng sẽ trả lời/.test(t)));
    const afterAck = texts(citizen).length;
    await server.citizen.sendText(citizen, "alo, có ai không");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(texts(citizen)).toHaveLength(afterAck);

    const item = agent.locator(".inbox-item a", { hasText: "Đất đai, xây dựng" });
    await expect.poll(() => item.count(), { timeout: 10_000 }).toBe(1);
    expect(await agent.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(() => agent.title()).toMatch(/^\(\d+\) Hộp thư/);
    await agent.screenshot({ path: "test-results/screenshots/inbox-1366.png", fullPage: true });

    await item.click();
    await agent.waitForURL(/\/admin\/inbox\/\d+$/);
    const conversationUrl = agent.url();
    await expect.poll(() => agent.locator(".transcript").textContent()).toContain("alo, có ai không");
    await agent.getByRole("button", { name: "Nhận xử lý" }).click();
    await agent.locator("#note-text").fill("<script>alert('x')</script> cần kiểm tra hồ sơ");
    agent.on("dialog", () => {
      throw new Error("a note ran as script");
    });
    await agent.getByRole("button", { name: "Lưu ghi chú" }).click();
    await expect.poll(() => agent.locator(".msg-note .msg-text").textContent()).toContain("<script>alert('x')</script>");

    await agent.locator("#reply-text").fill("Chào anh/chị, tôi là cán bộ đất đai xã. Anh/chị cho tôi biết thửa đất ở đâu ạ?");
    await agent.getByRole("button", { name: "Gửi trả lời" }).click();
    await waitFor(() => texts(citizen).some((t) => t.startsWith("Chào anh/chị, tôi là cán bộ đất đai xã")));
    await expect.poll(() => agent.locator(".msg-staff").last().textContent(), { timeout: 10_000 }).not.toMatch(/đang gửi/);
    await agent.screenshot({ path: "test-results/screenshots/conversation-1366.png", fullPage: true });
    await agent.setViewportSize({ width: 390, height: 844 });
    await agent.screenshot({ path: "test-results/screenshots/conversation-390.png", fullPage: true });
    await agent.goto(`${server.baseUrl}/admin/inbox`);
    await agent.screenshot({ path: "test-results/screenshots/inbox-390.png", fullPage: true });
    await agent.setViewportSize({ width: 1366, height: 768 });

    const other = await signIn("canbo.hotich");
    const forbidden = await other.goto(conversationUrl);
    expect(forbidden?.status()).toBe(403);
    await other.goto(`${server.baseUrl}/admin/inbox`);
    expect(await other.locator(".inbox-item").count()).toBe(0);

    await agent.goto(conversationUrl);
    await agent.getByRole("button", { name: "Kết thúc, trả lại cho Trợ lý" }).click();
    await waitFor(() => texts(citizen).some((t) => /Cán bộ đã kết thúc cuộc trò chuyện/.test(t)));
    const beforeQuestion = texts(citizen).length;
    await server.citizen.sendText(citizen, "lam can cuoc lan dau can giay to gi");
    await waitFor(() => texts(citizen).length > beforeQuestion);
    expect(texts(citizen).at(-1)).toMatch(/căn cước/i);
  });
});
