import type { QueryLog } from "../analytics/query-log.js";
import { parseEvent, type ZaloEvent } from "../channel/zalo/events.js";
import { splitMessage } from "../channel/zalo/client.js";
import type { LiveBus, LiveEvent } from "../handoff/live-bus.js";
import type { HandoffWithTeam } from "../handoff/records.js";
import type { HandoffService } from "../handoff/service.js";
import { recordTranscript, type TranscriptLine } from "../handoff/transcript.js";
import type { OutgoingMessage } from "../knowledge/message.js";
import type { Logger } from "../logger.js";
import type { Database, Transaction } from "../storage/database.js";
import { pendingEvents } from "../storage/inbox.js";
import type { SerialLane } from "../storage/serial-lane.js";
import type { Assistant, Decision, Input } from "./assistant.js";
import { KeyedQueue } from "./keyed-queue.js";
import { parseState, type ConversationState } from "./state.js";

export interface OutboxFlusher {
  flushUser(userId: string): Promise<void>;
}

export interface PipelineDeps {
  db: Database;
  assistant: Assistant;
  queryLog: QueryLog;
  outbox: OutboxFlusher;
  handoffs: HandoffService;
  bus: LiveBus;
  logger: Logger;
  lane: SerialLane;
  now?: () => number;
}

const ECHO_RECHECKS = 3;
const PROCESSING_ATTEMPTS = 4;
const RETRY_BASE_MS = 1_000;
const ECHO_RECHECK_MS = 2_000;

/** What one event changes, all written in one transaction. */
interface Commit {
  eventId: number;
  userId: string;
  receivedAt: Date;
  followed: boolean;
  replies: OutgoingMessage[];
  transcript: TranscriptLine[];
  state?: ConversationState;
  decision?: Decision;
}

/**
 * Takes stored events one citizen at a time, in order. For each it decides the replies and, in one
 * transaction, stores them in the outbox, saves the conversation state and the transcript, logs the
 * query and marks the event done; then the outbox sends. A crash at any point leaves either a pending
 * event (redone after restart) or pending outbox rows (sent after restart): never a lost or a doubled
 * reply. While a cán bộ has the conversation, the citizen's messages go to the inbox instead.
 */
export class EventPipeline {
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;

  constructor(private readonly deps: PipelineDeps) {
    this.now = deps.now ?? Date.now;
  }

  enqueue(eventId: number, userId: string | null): void {
    this.queue
      .run(userId ?? `event:${eventId}`, async () => {
        await this.deps.lane.run(() => this.process(eventId));
        if (userId) await this.deps.outbox.flushUser(userId);
      })
      // The event stays pending (or its replies stay in the outbox): the restart recovery or the
      // periodic outbox sweep picks it up again.
      .catch((error: Error) => this.deps.logger.error({ eventId, err: error.message }, "event pipeline failed"));
  }

  /** After a restart: finish every event that was acknowledged but not processed. */
  async recover(): Promise<number> {
    const events = await pendingEvents(this.deps.db);
    for (const event of events) this.enqueue(event.id, event.userId);
    return events.length;
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async process(eventId: number): Promise<void> {
    const row = await this.deps.db.inboundEvent.findUnique({ where: { id: eventId } });
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
    const base = { eventId, userId, receivedAt, followed: event.kind === "follow" };
    const citizenLine: TranscriptLine = { userId, author: "citizen", text: inputText(input) };
    const open = await this.deps.handoffs.findOpen(this.deps.db, userId);
    if (open) return this.commit({ ...base, replies: [], transcript: [{ ...citizenLine, handoffId: open.id }] }, open);
    const conversation = await this.deps.db.conversation.findUnique({ where: { userId } });
    const decision = this.deps.assistant.respond(input, parseState(conversation?.state ?? "{}"));
    const transcript = [citizenLine, ...decision.replies.map((r): TranscriptLine => ({ userId, author: "assistant", text: r.text }))];
    await this.commit({ ...base, replies: decision.replies, transcript, state: decision.state, decision });
  }

  private async commit(c: Commit, openHandoff?: HandoffWithTeam): Promise<void> {
    const live = await this.deps.db.$transaction(async (tx) => {
      const handoff = openHandoff ? await this.deps.handoffs.citizenMessage(tx, openHandoff) : await this.decided(tx, c);
      const replies = [...c.replies, ...(handoff?.messages ?? [])];
      const extra = (handoff?.messages ?? []).map((m): TranscriptLine => ({ userId: c.userId, handoffId: handoff?.handoffId, author: "system", text: m.text }));
      await recordTranscript(tx, [...c.transcript, ...extra]);
      if (openHandoff) await this.logHeldMessage(tx, c);
      await this.saveConversation(tx, c);
      const messages = replies.flatMap(splitMessage);
      await tx.outboundMessage.createMany({ data: messages.map((m, sequence) => ({ eventId: c.eventId, sequence, userId: c.userId, body: JSON.stringify(m) })) });
      await tx.inboundEvent.update({ where: { id: c.eventId }, data: { status: "done", processedAt: new Date(this.now()), attempts: { increment: 1 } } });
      return handoff?.live ?? [];
    });
    this.publish(live);
  }

  /** The assistant's decision: its query log row, feedback, and a handover when it asked for one. */
  private async decided(tx: Transaction, c: Commit) {
    const d = c.decision;
    if (!d) return null;
    if (d.query) {
      const queryId = await this.deps.queryLog.record(tx, { ...d.query, userId: c.userId, latencyMs: this.now() - c.receivedAt.getTime() });
      if (d.rememberSuggestions && c.state) c.state = { ...c.state, suggestions: { ...c.state.suggestions, queryId, ids: d.rememberSuggestions } };
    }
    if (d.choice) await this.deps.queryLog.recordChoice(tx, d.choice.queryId, d.choice.entryId);
    if (d.rating) await rateLastHandoff(tx, c.userId, d.rating, this.now());
    return d.handoff ? this.deps.handoffs.open(tx, c.userId, d.handoff.reason, d.handoff.topic, d.handoff.lead) : null;
  }

  private async logHeldMessage(tx: Transaction, c: Commit): Promise<void> {
    const text = c.transcript[0]?.text ?? "";
    const note = { text, band: "human", matchedId: null, topic: null, score: null, outcome: "to_inbox", suggestions: [] };
    await this.deps.queryLog.record(tx, { ...note, userId: c.userId, latencyMs: this.now() - c.receivedAt.getTime() });
  }

  private async saveConversation(tx: Transaction, c: Commit): Promise<void> {
    const data = { lastInteractionAt: new Date(this.now()), unreachableAt: null, unreachableCode: null, ...(c.state ? { state: JSON.stringify(c.state) } : {}) };
    await tx.conversation.upsert({
      where: { userId: c.userId },
      create: { userId: c.userId, state: "{}", ...data, followed: c.followed },
      update: c.followed ? { ...data, followed: true } : data,
    });
  }

  /**
   * An echo of a message we did not send means a cán bộ replied from OA Manager: the conversation
   * is now with a cán bộ. Zalo may echo our own message before our send call has returned its id,
   * so while a send to this citizen is in flight the echo is looked at again a little later.
   */
  private async handleEcho(eventId: number, event: Extract<ZaloEvent, { kind: "oa_echo" }>, attempts: number): Promise<void> {
    const db = this.deps.db;
    const ours = await db.outboundMessage.findFirst({ where: { zaloMessageId: event.msgId } });
    if (!ours && event.userId && attempts < ECHO_RECHECKS) {
      const inFlight = await db.outboundMessage.count({ where: { userId: event.userId, status: "pending" } });
      if (inFlight > 0) {
        await db.inboundEvent.update({ where: { id: eventId }, data: { attempts: { increment: 1 } } });
        setTimeout(() => this.enqueue(eventId, event.userId), ECHO_RECHECK_MS).unref();
        return;
      }
    }
    const userId = event.userId;
    if (ours || !userId) return this.finish(eventId, "done");
    const live = await db.$transaction(async (tx) => {
      const outcome = await this.deps.handoffs.oaManagerReply(tx, userId);
      await recordTranscript(tx, [{ userId, handoffId: outcome.handoffId, author: "oa_manager", text: event.text ?? "[tin nhắn từ OA Manager]" }]);
      await tx.inboundEvent.update({ where: { id: eventId }, data: { status: "done", processedAt: new Date(this.now()), attempts: { increment: 1 } } });
      return outcome.live;
    });
    this.publish(live);
    this.deps.logger.info({ eventId }, "a cán bộ replied from OA Manager; the conversation is with a cán bộ");
  }

  /** A processing error (a busy database, say) is retried a few times with growing delays, then given up and logged. */
  private async retryLater(row: { id: number; userId: string | null; attempts: number }, reason: string): Promise<void> {
    const attempts = row.attempts + 1;
    if (attempts >= PROCESSING_ATTEMPTS) {
      this.deps.logger.error({ eventId: row.id, attempts, err: reason }, "event processing failed; given up");
      return this.finish(row.id, "failed", reason);
    }
    this.deps.logger.warn({ eventId: row.id, attempts, err: reason }, "event processing failed; will retry");
    await this.deps.db.inboundEvent.update({ where: { id: row.id }, data: { attempts, lastError: reason.slice(0, 500) } });
    setTimeout(() => this.enqueue(row.id, row.userId), RETRY_BASE_MS * 2 ** attempts).unref();
  }

  private async finish(eventId: number, status: "done" | "ignored" | "failed", reason?: string): Promise<void> {
    await this.deps.db.inboundEvent.update({
      where: { id: eventId },
      data: { status, lastError: reason?.slice(0, 500) ?? null, processedAt: new Date(this.now()), attempts: { increment: 1 } },
    });
  }

  private publish(events: LiveEvent[]): void {
    for (const e of events) this.deps.bus.publish(e);
  }
}

/** The most recent conversation closed by a cán bộ in the last week, not yet rated. */
async function rateLastHandoff(tx: Transaction, userId: string, rating: "up" | "down", now: number): Promise<void> {
  const since = new Date(now - 7 * 24 * 60 * 60 * 1000);
  const last = await tx.handoff.findFirst({ where: { userId, status: "closed", rating: null, closedAt: { gte: since } }, orderBy: { id: "desc" } });
  if (last) await tx.handoff.update({ where: { id: last.id }, data: { rating } });
}

function inputText(input: Input): string {
  if (input.kind === "text") return input.text;
  return input.kind === "follow" ? "[quan tâm OA]" : `[${input.what}]`;
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
