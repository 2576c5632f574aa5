import type { QueryLog } from "../analytics/query-log.js";
import { parseEvent, type ZaloEvent } from "../channel/zalo/events.js";
import { splitMessage } from "../channel/zalo/client.js";
import type { Logger } from "../logger.js";
import type { Database } from "../storage/database.js";
import { pendingEvents } from "../storage/inbox.js";
import type { SerialLane } from "../storage/serial-lane.js";
import type { Assistant, Decision, Input } from "./assistant.js";
import { KeyedQueue } from "./keyed-queue.js";
import { parseState } from "./state.js";

export interface OutboxFlusher {
  flushUser(userId: string): Promise<void>;
}

/** How long the assistant stays quiet after a cán bộ writes to a citizen from OA Manager. */
const HUMAN_TAKEOVER_MS = 2 * 60 * 60 * 1000;
const ECHO_RECHECKS = 3;
const PROCESSING_ATTEMPTS = 4;
const RETRY_BASE_MS = 1_000;
const ECHO_RECHECK_MS = 2_000;

/**
 * Takes stored events one citizen at a time, in order. For each it decides the replies and, in one
 * transaction, stores them in the outbox, saves the conversation state, logs the query and marks
 * the event done; then the outbox sends. A crash at any point leaves either a pending event (redone
 * after restart) or pending outbox rows (sent after restart): never a lost or a doubled reply.
 */
export class EventPipeline {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly db: Database,
    private readonly assistant: Assistant,
    private readonly queryLog: QueryLog,
    private readonly outbox: OutboxFlusher,
    private readonly logger: Logger,
    private readonly lane: SerialLane,
    private readonly now: () => number = Date.now,
  ) {}

  enqueue(eventId: number, userId: string | null): void {
    this.queue
      .run(userId ?? `event:${eventId}`, async () => {
        await this.lane.run(() => this.process(eventId));
        if (userId) await this.outbox.flushUser(userId);
      })
      // The event stays pending (or its replies stay in the outbox): the restart recovery or the
      // periodic outbox sweep picks it up again.
      .catch((error: Error) => this.logger.error({ eventId, err: error.message }, "event pipeline failed"));
  }

  /** After a restart: finish every event that was acknowledged but not processed. */
  async recover(): Promise<number> {
    const events = await pendingEvents(this.db);
    for (const event of events) this.enqueue(event.id, event.userId);
    return events.length;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async process(eventId: number): Promise<void> {
    const row = await this.db.inboundEvent.findUnique({ where: { id: eventId } });
    if (!row || row.status !== "pending") return;
    try {
      const parsed = parseEvent(JSON.parse(row.payload), row.payload);
      if (!parsed.ok) return await this.finish(eventId, "ignored", parsed.reason);
      await this.handle(eventId, parsed.event, row.receivedAt, row.attempts);
    } catch (error) {
      await this.retryLater(row, (error as Error).message);
    }
  }

  private async handle(eventId: number, event: ZaloEvent, receivedAt: Date, attempts: number): Promise<void> {
    if (event.kind === "oa_echo") return this.handleEcho(eventId, event, attempts);
    const input = toInput(event);
    if (!input || !("userId" in event) || !event.userId) return this.finish(eventId, "ignored");
    const userId = event.userId;
    const conversation = await this.db.conversation.findUnique({ where: { userId } });
    const decision = this.assistant.respond(input, parseState(conversation?.state ?? "{}"));
    await this.commit(eventId, userId, decision, receivedAt, event.kind === "follow");
  }

  private async commit(eventId: number, userId: string, decision: Decision, receivedAt: Date, followed: boolean): Promise<void> {
    const messages = decision.replies.flatMap(splitMessage);
    await this.db.$transaction(async (tx) => {
      let state = decision.state;
      if (decision.query) {
        const queryId = await this.queryLog.record(tx, { ...decision.query, userId, latencyMs: this.now() - receivedAt.getTime() });
        if (decision.rememberSuggestions) state = { ...state, suggestions: { queryId, ids: decision.rememberSuggestions } };
      }
      if (decision.choice) await this.queryLog.recordChoice(tx, decision.choice.queryId, decision.choice.entryId);
      const data = { state: JSON.stringify(state), lastInteractionAt: new Date(this.now()), unreachableAt: null, unreachableCode: null };
      await tx.conversation.upsert({
        where: { userId },
        create: { userId, ...data, followed },
        update: followed ? { ...data, followed } : data,
      });
      await tx.outboundMessage.createMany({
        data: messages.map((m, sequence) => ({ eventId, sequence, userId, body: JSON.stringify(m) })),
      });
      await tx.inboundEvent.update({ where: { id: eventId }, data: { status: "done", processedAt: new Date(this.now()), attempts: { increment: 1 } } });
    });
  }

  /**
   * An echo of a message we did not send means a cán bộ replied from OA Manager: step back. Zalo
   * may echo our own message before our send call has returned its id, so while a send to this
   * citizen is in flight the echo is looked at again a little later (it stays pending meanwhile).
   */
  private async handleEcho(eventId: number, event: Extract<ZaloEvent, { kind: "oa_echo" }>, attempts: number): Promise<void> {
    const ours = await this.db.outboundMessage.findFirst({ where: { zaloMessageId: event.msgId } });
    if (!ours && event.userId && attempts < ECHO_RECHECKS) {
      const inFlight = await this.db.outboundMessage.count({ where: { userId: event.userId, status: "pending" } });
      if (inFlight > 0) {
        await this.db.inboundEvent.update({ where: { id: eventId }, data: { attempts: { increment: 1 } } });
        setTimeout(() => this.enqueue(eventId, event.userId), ECHO_RECHECK_MS).unref();
        return;
      }
    }
    if (!ours && event.userId) {
      const conversation = await this.db.conversation.findUnique({ where: { userId: event.userId } });
      const state = { ...parseState(conversation?.state ?? "{}"), humanActiveUntil: this.now() + HUMAN_TAKEOVER_MS };
      await this.db.conversation.upsert({
        where: { userId: event.userId },
        create: { userId: event.userId, state: JSON.stringify(state) },
        update: { state: JSON.stringify(state) },
      });
      this.logger.info({ eventId }, "a cán bộ replied from OA Manager; the assistant pauses for this citizen");
    }
    await this.finish(eventId, "done");
  }

  /** A processing error (a busy database, say) is retried a few times with growing delays, then given up and logged. */
  private async retryLater(row: { id: number; userId: string | null; attempts: number }, reason: string): Promise<void> {
    const attempts = row.attempts + 1;
    if (attempts >= PROCESSING_ATTEMPTS) {
      this.logger.error({ eventId: row.id, attempts, err: reason }, "event processing failed; given up");
      return this.finish(row.id, "failed", reason);
    }
    this.logger.warn({ eventId: row.id, attempts, err: reason }, "event processing failed; will retry");
    await this.db.inboundEvent.update({ where: { id: row.id }, data: { attempts, lastError: reason.slice(0, 500) } });
    setTimeout(() => this.enqueue(row.id, row.userId), RETRY_BASE_MS * 2 ** attempts).unref();
  }

  private async finish(eventId: number, status: "done" | "ignored" | "failed", reason?: string): Promise<void> {
    await this.db.inboundEvent.update({
      where: { id: eventId },
      data: { status, lastError: reason?.slice(0, 500) ?? null, processedAt: new Date(this.now()), attempts: { increment: 1 } },
    });
  }
}

function toInput(event: ZaloEvent): Input | null {
  switch (event.kind) {
    case "follow":
    case "chat_now":
      return { kind: "follow" };
    case "user_message":
      if (event.name === "user_send_text" && event.text?.trim()) return { kind: "text", text: event.text };
      return { kind: "non_text", what: event.attachments[0] ?? event.name.replace("user_send_", "") };
    default:
      return null;
  }
}
