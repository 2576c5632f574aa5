import type { Database } from "../storage/database.js";

export type TranscriptAuthor = "citizen" | "assistant" | "staff" | "oa_manager" | "note" | "system";

export interface TranscriptLine {
  userId: string;
  handoffId?: number | null;
  author: TranscriptAuthor;
  text: string;
  staffId?: number | null;
  outboundId?: number | null;
  at?: Date;
}

type Tx = Pick<Database, "transcriptMessage">;

/** The conversation as staff read it: citizen messages, the assistant's replies, staff replies and notes. */
export async function recordTranscript(tx: Tx, lines: TranscriptLine[]): Promise<void> {
  if (lines.length === 0) return;
  await tx.transcriptMessage.createMany({
    data: lines.map((l) => ({
      userId: l.userId,
      handoffId: l.handoffId ?? null,
      author: l.author,
      text: l.text.slice(0, 4000),
      staffId: l.staffId ?? null,
      outboundId: l.outboundId ?? null,
      ...(l.at ? { at: l.at } : {}),
    })),
  });
}
