import { z } from "zod";

/** What the assistant remembers about one citizen between messages. */
export const conversationStateSchema = z
  .object({
    /** The options last offered, so "1", "2", "3" or a tap can pick one; queryId links feedback. */
    suggestions: z.object({ queryId: z.number().int().nullable(), ids: z.array(z.string()) }).optional(),
    /** A cán bộ answered from OA Manager: the assistant stays quiet until then (epoch ms). */
    humanActiveUntil: z.number().optional(),
    handoffRequestedAt: z.number().optional(),
  })
  .strip();

export type ConversationState = z.infer<typeof conversationStateSchema>;

export function parseState(json: string): ConversationState {
  try {
    const parsed = conversationStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
