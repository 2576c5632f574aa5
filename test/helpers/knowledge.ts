import { loadConfig, type Config } from "../../src/config.js";
import { createKnowledge, type KnowledgeModule } from "../../src/knowledge/module.js";
import type { Database } from "../../src/storage/database.js";
import { tempDatabase } from "./db.js";
import { silentLogger } from "./logger.js";

/** The knowledge module over a fresh database seeded from the bundled knowledge/. */
export async function tempKnowledge(): Promise<{ db: Database; config: Config; k: KnowledgeModule }> {
  const { db, url } = await tempDatabase();
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: url });
  return { db, config, k: await createKnowledge({ db, config, logger: silentLogger }) };
}
