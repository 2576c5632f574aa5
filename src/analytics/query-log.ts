import type { Database } from "../storage/database.js";
import { redactPersonalData, userKey } from "./redact.js";

/** What the conversation knows about a query; analytics adds who (hashed) and how long it took. */
export interface QueryNote {
  text: string;
  band: string;
  matchedId: string | null;
  topic: string | null;
  score: number | null;
  outcome: string;
  suggestions: string[];
}

export interface QueryRecord extends QueryNote {
  userId: string;
  latencyMs: number;
}

type Tx = Pick<Database, "queryLog">;

/** Every citizen query, with the Zalo id replaced by a keyed hash and personal data redacted. */
export class QueryLog {
  constructor(private readonly secret: string) {}

  async record(tx: Tx, q: QueryRecord): Promise<number> {
    const row = await tx.queryLog.create({
      data: {
        userKey: userKey(q.userId, this.secret),
        text: redactPersonalData(q.text).slice(0, 2000),
        band: q.band,
        matchedId: q.matchedId,
        topic: q.topic,
        score: q.score,
        outcome: q.outcome,
        latencyMs: q.latencyMs,
        suggestions: JSON.stringify(q.suggestions),
      },
    });
    return row.id;
  }

  /** The citizen picked suggestion `chosenId` for an earlier query: feedback for that entry. */
  async recordChoice(tx: Tx, queryId: number, chosenId: string): Promise<void> {
    await tx.queryLog.updateMany({ where: { id: queryId }, data: { chosenId } });
  }
}
