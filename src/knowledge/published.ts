import type { Config } from "../config.js";
import type { Database } from "../storage/database.js";
import { baseOf } from "./content.js";
import { loadKnowledgeBase, type KnowledgeBase } from "./loader.js";
import { contentsOf, loadItems } from "./repository.js";
import { syncUpstream } from "./upstream.js";

/**
 * The knowledge a database serves (or, with drafts, is about to), for the command-line tools: a database
 * the server never started on is first seeded from the bundled files, as the server would.
 */
export async function databaseKnowledge(db: Database, config: Config, drafts = false): Promise<KnowledgeBase> {
  if ((await db.knowledgeItem.count()) === 0) await syncUpstream(db, await loadKnowledgeBase(config), Date.now);
  return baseOf(contentsOf(await loadItems(db), drafts));
}
