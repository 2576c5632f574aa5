import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "../generated/prisma/client.js";
import { applyMigrations } from "./migrate.js";

export type Database = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Transaction = Prisma.TransactionClient;

/** Opens the embedded SQLite database, creating its folder and applying pending migrations. */
export async function openDatabase(databaseUrl: string, migrationsDir = path.resolve("prisma", "migrations")): Promise<Database> {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`DATABASE_URL "${redactUrl(databaseUrl)}" không được hỗ trợ: bản này dùng SQLite (file:...).`);
  }
  const file = databaseUrl.slice("file:".length);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  await applyMigrations(file, migrationsDir);
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
  await db.$connect();
  await warmUp(db);
  return db;
}

/**
 * Prisma compiles each query shape on first use (WASM), which costs up to a second; doing it
 * before the server listens keeps that cost off the first citizens' messages.
 */
async function warmUp(db: Database): Promise<void> {
  await db.$queryRaw`SELECT 1`;
  await Promise.all([
    db.inboundEvent.findFirst({ where: { status: "pending" } }),
    db.outboundMessage.findFirst({ where: { status: "pending" } }),
    db.conversation.findFirst(),
    db.queryLog.findFirst(),
    db.oaToken.findFirst(),
  ]);
}

export async function databaseIsHealthy(db: Database): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}
