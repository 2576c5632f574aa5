import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Database } from "../storage/database.js";
import { baseOf } from "./content.js";
import { loadKnowledgeBase } from "./loader.js";
import { KnowledgePublisher } from "./publishing.js";
import { contentsOf, loadItems } from "./repository.js";
import { buildSnapshot, LiveKnowledge } from "./snapshot.js";
import { syncUpstream, type SyncReport } from "./upstream.js";

export interface KnowledgeModule {
  live: LiveKnowledge;
  publisher: KnowledgePublisher;
  sync: SyncReport;
}

/**
 * The knowledge at run time: knowledge/ is read (any file problem stops the start, as before), seeded
 * into the database on first start and compared with it on later ones; the assistant then serves the
 * published versions from the database.
 */
export async function createKnowledge(deps: { db: Database; config: Config; logger: Logger; now?: () => number }): Promise<KnowledgeModule> {
  const now = deps.now ?? Date.now;
  const files = await loadKnowledgeBase(deps.config);
  const sync = await syncUpstream(deps.db, files, now);
  const live = new LiveKnowledge(buildSnapshot(baseOf(contentsOf(await loadItems(deps.db))), deps.config, now()));
  const { entries, intents } = live.current();
  deps.logger.info({ entries: entries.length, intents: intents.length, seeded: sync.created.length, followed: sync.followed.length, drafted: sync.drafted.length, offered: sync.offered.length }, "knowledge loaded");
  return { live, publisher: new KnowledgePublisher({ db: deps.db, config: deps.config, live, now }), sync };
}
