/**
 * SQLite work through Prisma is synchronous CPU under the hood. Background work (processing
 * events, bookkeeping of the outbox) takes turns in this one lane and yields to pending I/O
 * before each turn, so a backlog never delays the webhook's acknowledgements.
 */
export class SerialLane {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.tail.then(() => new Promise<void>((r) => setImmediate(r))).then(task);
    this.tail = turn.catch(() => undefined);
    return turn;
  }
}
