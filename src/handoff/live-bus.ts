import { EventEmitter } from "node:events";

/** What changed, for the staff pages that show it live. No personal data travels on the bus. */
export type LiveEvent =
  | { type: "handoff"; handoffId: number; teamId: number; change: "opened" | "message" | "status" | "assigned" | "delivery" }
  | { type: "alert"; handoffId: number; teamId: number; leadId: number | null; message: string };

/**
 * One in-process bus that the Server-Sent Events route subscribes to. With several instances on
 * PostgreSQL it is fed by LISTEN/NOTIFY instead, and nothing else changes.
 */
export class LiveBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(event: LiveEvent): void {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }
}
