import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config.js";
import { createUser } from "../staff/accounts.js";
import { recordAudit } from "../staff/audit.js";
import { FieldError } from "../staff/errors.js";
import { isRole, ROLE_LABELS, ROLES } from "../staff/roles.js";
import { seedDefaultTeams } from "../staff/teams.js";
import { openDatabase } from "../storage/database.js";

const USAGE = `Cách dùng: npm run user:create -- --username TÊN --role admin [--role agent] [--name "Tên hiển thị"] [--team slug]
Mật khẩu lấy từ biến môi trường NEW_USER_PASSWORD, hoặc được hỏi khi chạy trong cửa sổ dòng lệnh.
Vai trò: ${ROLES.join(", ")}.`;

class UsageError extends Error {}

/** npm run user:create: creates a staff account (the first admin comes from here). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: "string" },
      role: { type: "string", multiple: true },
      name: { type: "string" },
      team: { type: "string", multiple: true },
      help: { type: "boolean" },
    },
  });
  if (values.help) return console.log(USAGE);
  if (!values.username) throw new UsageError(`Thiếu --username.\n${USAGE}`);
  const roles = values.role ?? [];
  const unknown = roles.filter((r) => !isRole(r));
  if (roles.length === 0 || unknown.length > 0) throw new UsageError(`Vai trò không hợp lệ hoặc thiếu --role${unknown.length ? `: ${unknown.join(", ")}` : ""}.\n${USAGE}`);

  const password = process.env.NEW_USER_PASSWORD ?? (await askPassword());
  const config = loadConfig();
  const db = await openDatabase(config.databaseUrl);
  try {
    await seedDefaultTeams(db);
    const teams = await db.team.findMany({ where: { slug: { in: values.team ?? [] } } });
    const missing = (values.team ?? []).filter((slug) => !teams.some((t) => t.slug === slug));
    if (missing.length > 0) {
      const known = (await db.team.findMany({ orderBy: { slug: "asc" } })).map((t) => t.slug);
      throw new UsageError(`Không có nhóm: ${missing.join(", ")}. Các nhóm hiện có: ${known.join(", ")}.`);
    }
    const user = await createUser(db, { username: values.username, displayName: values.name, password, roles: roles.filter(isRole), teamIds: teams.map((t) => t.id) });
    await recordAudit(db, { actor: null, actorLabel: "cli", action: "user.created", targetType: "user", targetId: user.id, after: user });
    const roleNames = user.roles.map((r) => ROLE_LABELS[r]).join(", ");
    console.log(`Đã tạo người dùng "${user.username}" (${user.displayName}), vai trò: ${roleNames}. Đăng nhập tại ${config.publicBaseUrl}/admin`);
  } finally {
    await db.$disconnect();
  }
}

/** Reads the password twice from the terminal without echoing it. */
async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new UsageError("Không có mật khẩu: đặt biến môi trường NEW_USER_PASSWORD, hoặc chạy lệnh trong cửa sổ dòng lệnh để nhập mật khẩu.");
  }
  const first = await readHidden("Mật khẩu (ít nhất 12 ký tự): ");
  const second = await readHidden("Nhập lại mật khẩu: ");
  if (first !== second) throw new UsageError("Hai lần nhập mật khẩu không giống nhau.");
  return first;
}

function readHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve) => {
    let typed = "";
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\u0003") process.exit(130);
        if (ch === "\r" || ch === "\n") {
          stdin.off("data", onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write("\n");
          return resolve(typed);
        }
        typed = ch === "\u007f" || ch === "\b" ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on("data", onData);
  });
}

main().catch((error: unknown) => {
  if (error instanceof FieldError || error instanceof UsageError || error instanceof ConfigError) {
    console.error(`Không tạo được người dùng: ${error.message}`);
  } else {
    console.error("Không tạo được người dùng:", error);
  }
  process.exit(1);
});
