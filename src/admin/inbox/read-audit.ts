import type { Request } from "express";
import type { AdminKit } from "../kit.js";

const REPEAT_MS = 10 * 60_000;

/**
 * Every read of a transcript is audited (it is personal data). The live view refreshes the same
 * page many times a minute, so one session's reads of one conversation are recorded once per 10 minutes.
 */
export class ReadAudit {
  private readonly last = new Map<string, number>();

  constructor(private readonly kit: AdminKit) {}

  async record(req: Request, handoffId: number): Promise<void> {
    const key = `${this.kit.session(req).id}:${handoffId}`;
    const now = this.kit.now();
    if ((this.last.get(key) ?? -Infinity) > now - REPEAT_MS) return;
    this.last.set(key, now);
    if (this.last.size > 10_000) this.last.clear();
    await this.kit.audit(req, { action: "conversation.read", targetType: "handoff", targetId: handoffId });
  }
}
