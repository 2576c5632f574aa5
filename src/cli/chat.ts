import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline/promises";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createServices } from "../server.js";
import type { SentMessage } from "../channel/zalo/simulator/fake-oa.js";
import { FakeCitizen } from "../channel/zalo/simulator/fake-citizen.js";
import { startSimulatedZalo } from "../channel/zalo/simulator/start.js";

/** npm run chat: talk to the assistant in a terminal, as a citizen would on Zalo (simulated OA). */
type ButtonView = { title: string; type: string; payload: unknown };

async function main(): Promise<void> {
  // The chat's own server listens on a free port and ends with it: links in replies (the privacy page) point to `npm start`'s.
  const config = loadConfig({ PUBLIC_BASE_URL: "http://localhost:3000", ...process.env, ZALO_SIMULATOR: "on", PORT: "0", DATABASE_URL: process.env.CHAT_DATABASE_URL ?? "file:./data/chat.db" });
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? "warn", pretty: false });
  const zalo = await startSimulatedZalo(config);
  const services = await createServices(config, logger, { fakeOa: zalo.fakeOa });
  const server = services.app.listen(0, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", r));
  await services.startBackgroundWork();
  const citizen = new FakeCitizen({
    webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zalo`,
    appId: config.zalo.appId, oaId: config.zalo.oaId, oaSecretKey: config.zalo.oaSecretKey,
  });
  const userId = `9${Date.now()}${Math.floor(Math.random() * 1000)}`;
  let lastSeq = 0;
  let buttons: ButtonView[] = [];

  const waitForReplies = async (): Promise<SentMessage[]> => {
    const deadline = Date.now() + 8_000;
    let seen: SentMessage[] = [];
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 150));
      const now = zalo.fakeOa.messagesFor(userId, lastSeq);
      if (now.length > 0 && now.length === seen.length) break;
      seen = now;
    }
    lastSeq = seen.at(-1)?.seq ?? lastSeq;
    return seen;
  };

  const show = (messages: SentMessage[]) => {
    for (const m of messages) {
      console.log(`\nTrợ lý: ${m.message.text ?? ""}`);
      buttons = (m.message.attachment?.payload?.buttons ?? []) as ButtonView[];
      buttons.forEach((b, i) => console.log(`   [/${i + 1}] ${b.title}${b.type === "oa.open.url" ? ` → ${(b.payload as { url: string }).url}` : ""}`));
    }
    if (messages.length === 0) console.log("\n(Trợ lý chưa trả lời; thử lại sau giây lát)");
  };

  console.log("Trò chuyện với Trợ lý Dịch vụ công (Zalo giả lập). Gõ câu hỏi; /1../5 để bấm nút; /quantam để quan tâm OA; /thoat để thoát.");
  await citizen.deliver(citizen.followEvent(userId));
  show(await waitForReplies());

  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt("\nBạn: ");
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (text === "/thoat" || text === "/exit") break;
    if (text) {
      const pressed = /^\/([1-5])$/.exec(text);
      const button = pressed ? buttons[Number(pressed[1]) - 1] : undefined;
      if (pressed && !button) console.log("Không có nút này.");
      else if (button && button.type !== "oa.query.show") console.log(`Mở liên kết: ${JSON.stringify(button.payload)}`);
      else {
        const message = button ? String(button.payload) : text;
        if (button) console.log(`(bấm: ${button.title})`);
        await citizen.deliver(text === "/quantam" ? citizen.followEvent(userId) : citizen.textEvent(userId, message));
        show(await waitForReplies());
      }
    }
    rl.prompt();
  }
  rl.close();
  server.close();
  await services.close();
  await zalo.close();
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
