import { z } from "zod";

/** What the assistant remembers about one citizen between messages. */
export const conversationStateSchema = z
  .object({
    /** The options last offered, so "1", "2", "3" or a tap can pick one; queryId links feedback. */
    suggestions: z
      .object({ queryId: z.number().int().nullable(), ids: z.array(z.string()), alternatives: z.boolean().optional() })
      .optional(),
    /** Failures in a row (a fallback, or a suggestion list the citizen ignored): two hand the citizen over. */
    failures: z.number().int().optional(),
    /** Topic of the last entry answered or offered: a later "gặp cán bộ" goes to that field's team. */
    lastTopic: z.string().optional(),
    /** The last answer offered a cán bộ: a "có" now hands over. */
    offeredHandoff: z.boolean().optional(),
    /** The one-line privacy notice was shown (Luật 91/2025/QH15: tell the purpose at first contact). */
    privacyNoticeShown: z.boolean().optional(),
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
