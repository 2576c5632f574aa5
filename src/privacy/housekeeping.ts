import { purgeQueryText } from "../analytics/retention.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { purgeExpiredSessions } from "../staff/sessions.js";
import type { Database } from "../storage/database.js";
import { purgeExpired } from "./retention.js";

/** The hourly clean-up: personal data past its retention, query texts past theirs, dead staff sessions. */
export async function runHousekeeping(db: Database, config: Pick<Config, "retention">, logger: Logger, now = Date.now()): Promise<void> {
  const purged = await purgeExpired(db, config.retention, now);
  const queryTexts = await purgeQueryText(db, config.retention.queryTextDays, now);
  await purgeExpiredSessions(db, now);
  if (purged.transcriptLines + purged.rawEvents + purged.outboundBodies + queryTexts > 0) {
    logger.info({ ...purged, queryTexts }, "personal data past its retention deleted");
  }
}
