import { KeyedQueue } from "../../conversation/keyed-queue.js";
import type { OutgoingMessage } from "../../knowledge/message.js";
import type { Logger } from "../../logger.js";
import type { Database } from "../../storage/database.js";
import type { SerialLane } from "../../storage/serial-lane.js";
import type { ZaloClient } from "./client.js";
import { ZaloApiError } from "./errors.js";

export interface OutboxSenderOptions {
  /** Sends of one message before it is given up as failed (each send already retries quickly). */
  maxAttempts?: number;
  retryDelayMs?: number;
  now?: () => number;
}

/** Sends stored replies in order, one citizen at a time; a message is marked sent only after Zalo accepts it. */
export class OutboxSender {
  private readonly queue = new KeyedQueue();
  private readonly now: () => number;
  private readonly settledListeners: Array<(userId: string) => Promise<void> | void> = [];

  constructor(
    private readonly db: Database,
    private readonly client: Pick<ZaloClient, "send">,
    private readonly logger: Logger,
    private readonly lane: SerialLane,
    private readonly options: OutboxSenderOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  flushUser(userId: string): Promise<void> {
    return this.queue.run(userId, () => this.sendPending(userId));
  }

  /** Sends everything due (after a restart, and periodically for retries). */
  async flushDue(): Promise<void> {
    const users = await this.db.outboundMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: new Date(this.now()) } },
      distinct: ["userId"],
      select: { userId: true },
    });
    await Promise.all(users.map((u) => this.flushUser(u.userId)));
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Called after a message to this citizen was sent or given up (staff pages show delivery live). */
  onSettled(listener: (userId: string) => Promise<void> | void): void {
    this.settledListeners.push(listener);
  }

  private settled(userId: string): void {
    for (const l of this.settledListeners) void Promise.resolve(l(userId)).catch(() => undefined);
  }

  private async sendPending(userId: string): Promise<void> {
    for (;;) {
      const batch = await this.lane.run(() =>
        this.db.outboundMessage.findMany({ where: { userId, status: "pending" }, orderBy: { id: "asc" }, take: 20 }),
      );
      if (batch.length === 0) return;
      for (const message of batch) {
        if (message.nextAttemptAt.getTime() > this.now()) return;
        if (!(await this.sendOne(userId, message))) return;
      }
    }
  }

  /** Returns whether to go on with this citizen's next message. */
  private async sendOne(userId: string, message: { id: number; body: string; attempts: number }): Promise<boolean> {
    try {
      const zaloMessageId = await this.client.send(userId, JSON.parse(message.body) as OutgoingMessage);
      await this.lane.run(() =>
        this.db.outboundMessage.update({
          where: { id: message.id },
          data: { status: "sent", zaloMessageId, sentAt: new Date(this.now()), attempts: { increment: 1 }, lastError: null },
        }),
      );
      this.settled(userId);
      return true;
    } catch (error) {
      const goOn = await this.lane.run(() => this.recordFailure(message.id, message.attempts + 1, userId, error as Error));
      this.settled(userId);
      return goOn;
    }
  }

  /** Returns whether to go on with this citizen's next message. */
  private async recordFailure(id: number, attempts: number, userId: string, error: Error): Promise<boolean> {
    const lastError = error.message.slice(0, 500);
    if (error instanceof ZaloApiError && error.kind === "window") {
      await this.db.$transaction([
        this.db.outboundMessage.updateMany({ where: { userId, status: "pending" }, data: { status: "unreachable", lastError } }),
        this.db.conversation.updateMany({ where: { userId }, data: { unreachableAt: new Date(this.now()), unreachableCode: error.code } }),
      ]);
      this.logger.warn({ code: error.code }, "zalo send: citizen cannot be reached now (interaction window); not retried");
      return false;
    }
    if (error instanceof ZaloApiError && error.kind === "permanent") {
      await this.db.outboundMessage.update({ where: { id }, data: { status: "failed", attempts, lastError } });
      this.logger.error({ code: error.code, err: lastError }, "zalo send: rejected permanently");
      return true;
    }
    const gaveUp = attempts >= (this.options.maxAttempts ?? 8);
    const delay = (this.options.retryDelayMs ?? 5_000) * 2 ** Math.min(attempts - 1, 8);
    await this.db.outboundMessage.update({
      where: { id },
      data: gaveUp ? { status: "failed", attempts, lastError } : { attempts, lastError, nextAttemptAt: new Date(this.now() + delay) },
    });
    this.logger.warn({ attempts, gaveUp, err: lastError }, "zalo send: failed, kept in the outbox");
    return false;
  }
}
