import type { QueryNote } from "../analytics/query-log.js";
import { ENTRY_RATED } from "../analytics/rollup.js";
import type { KnowledgeEntry, Intent } from "../knowledge/entry-schema.js";
import type { OutgoingMessage } from "../knowledge/message.js";
import { isExpired } from "../knowledge/expiry.js";
import type { AnswerRenderer } from "../knowledge/render.js";
import type { HandoffReason } from "../handoff/state-machine.js";
import type { Candidate, Matcher, MatchResult } from "../matching/index.js";
import { parseCommand, titleKey } from "./commands.js";
import { MENU_ENTRY_IDS } from "./menu.js";
import * as reply from "./replies.js";
import type { ConversationState } from "./state.js";

export type Input = { kind: "text"; text: string } | { kind: "follow" } | { kind: "non_text"; what: string };

export interface Decision {
  replies: OutgoingMessage[];
  state: ConversationState;
  query?: QueryNote;
  /** The citizen picked an option offered for query `queryId`. */
  choice?: { queryId: number; entryId: string };
  /** The offered options must be linked to the query row about to be written. */
  rememberSuggestions?: string[];
  /** Hand the conversation to a cán bộ; the handoff adds its acknowledgement after `replies`. */
  handoff?: { reason: HandoffReason; topic: string | null; lead?: string };
  /** The citizen rated the service of the cán bộ who just closed their conversation. */
  rating?: "up" | "down";
}

/** What the assistant answers from: one published snapshot of the knowledge. */
export interface AssistantKnowledge {
  matcher: Matcher;
  entries: KnowledgeEntry[];
  intents: Intent[];
  renderer: AnswerRenderer;
  nationalPortalUrl: string;
}

/**
 * Fixed knowledge, or `knowledge()` returning the current snapshot, read once per message so that a
 * publication swaps what the next message is answered from. `now` decides which facts have expired.
 */
export type AssistantDeps = (AssistantKnowledge | { knowledge: () => AssistantKnowledge }) & { privacyUrl: string; now?: () => number };

/** Two failures in a row (fallbacks, or suggestion lists ignored) hand the citizen over. */
const FAILURES_BEFORE_HANDOFF = 2;

/** Decides what to say. Knows nothing of Zalo, HTTP or the database. */
export class Assistant {
  private k!: AssistantKnowledge;
  private entries = new Map<string, KnowledgeEntry>();
  private byTitle = new Map<string, KnowledgeEntry>();
  private intents = new Map<string, Intent>();

  constructor(private readonly deps: AssistantDeps) {
    this.use(this.source());
  }

  respond(input: Input, state: ConversationState): Decision {
    const current = this.source();
    if (current !== this.k) this.use(current);
    const decision = this.decide(input, state);
    if (input.kind !== "follow" && state.privacyNoticeShown) return decision;
    const replies = decision.replies.length > 0 ? reply.withLine(decision.replies, reply.privacyNotice(this.deps.privacyUrl)) : decision.replies;
    return { ...decision, replies, state: { ...decision.state, privacyNoticeShown: replies.length > 0 || state.privacyNoticeShown } };
  }

  private source(): AssistantKnowledge {
    return "knowledge" in this.deps ? this.deps.knowledge() : this.deps;
  }

  private use(k: AssistantKnowledge): void {
    this.k = k;
    this.entries = new Map(k.entries.map((e) => [e.id, e]));
    this.byTitle = new Map(k.entries.map((e) => [titleKey(e.title), e]));
    this.intents = new Map(k.intents.map((i) => [i.id, i]));
  }

  /** Past its valid_until an entry is not quoted as current: the citizen is told it may have changed and offered a cán bộ. */
  private expired(entry: KnowledgeEntry): boolean {
    return isExpired(entry, (this.deps.now ?? Date.now)());
  }

  private expiredDecision(text: string, entry: KnowledgeEntry, state: ConversationState): Decision {
    const next = { ...clearSuggestions(state), failures: 0, lastTopic: entry.topic, offeredHandoff: true };
    return { replies: [this.k.renderer.expired(entry)], state: next, query: note(text, "answer", entry, "expired") };
  }

  private decide(input: Input, state: ConversationState): Decision {
    if (input.kind === "follow") return { replies: [this.greeting()], state };
    if (input.kind === "non_text") {
      return { replies: [reply.nonTextMessage()], state, query: note(`[${input.what}]`, "command", null, "non_text") };
    }
    return this.respondToText(input.text, state);
  }

  private respondToText(text: string, state: ConversationState): Decision {
    const command = parseCommand(text);
    if (command?.kind === "rating") {
      return { replies: [{ text: "Cảm ơn anh/chị đã đánh giá. Trợ lý luôn sẵn sàng nếu anh/chị cần hỏi thêm." }], state, query: note(text, "command", null, `rating:${command.rating}`), rating: command.rating };
    }
    if (command?.kind === "entry_rating") {
      const entry = this.byTitle.get(titleKey(command.title));
      if (entry) return this.rated(text, entry, command.rating, state);
    }
    if (command?.kind === "detail") {
      const entry = this.byTitle.get(titleKey(command.title));
      if (entry && this.expired(entry)) return this.expiredDecision(text, entry, state);
      if (entry) return { replies: [this.k.renderer.detail(entry, command.section)], state, query: note(text, "command", entry, "detail") };
    }
    if (command?.kind === "choice") {
      const entry = command.title ? this.byTitle.get(titleKey(command.title)) : this.entries.get(state.suggestions?.ids[command.index - 1] ?? "");
      if (entry) return this.chosen(text, entry, state);
    }
    const titled = this.byTitle.get(titleKey(text));
    if (titled) return this.chosen(text, titled, state);
    return this.matched(text, state);
  }

  private matched(text: string, state: ConversationState): Decision {
    const result = this.k.matcher.match(text);
    const top = result.top;
    if (result.band === "answer" && top?.kind === "intent") return this.intent(text, top, state);
    // A suggestion list answered with a new question was not what the citizen wanted.
    const ignored = state.suggestions && !state.suggestions.alternatives ? 1 : 0;
    const failures = (state.failures ?? 0) + ignored;
    const entry = result.band === "answer" && top ? this.entries.get(top.id) : undefined;
    if (entry && top) return this.answered(text, entry, top, result, state);
    const options = result.suggestions.filter((s) => s.kind === "entry" && this.entries.has(s.id)).slice(0, 3);
    if (result.band === "suggest" && options.length > 0) {
      const ids = options.map((o) => o.id);
      const next = { ...state, suggestions: { queryId: null, ids }, failures, lastTopic: options[0]?.topic ?? state.lastTopic };
      if (failures >= FAILURES_BEFORE_HANDOFF) return this.handOver(text, next, "repeated_failure", result);
      return {
        replies: [reply.suggestionsMessage(options, result.reason === "not_about" ? result.outOfScopeSubject : undefined)],
        state: next,
        query: { ...note(text, "suggest", null, "suggested", top?.score ?? null, ids), topic: options[0]?.topic ?? null },
        rememberSuggestions: ids,
      };
    }
    return this.failed(text, { ...clearSuggestions(state), failures: failures + 1 }, result);
  }

  private answered(text: string, entry: KnowledgeEntry, top: Candidate, result: MatchResult, state: ConversationState): Decision {
    if (this.expired(entry)) return this.expiredDecision(text, entry, state);
    const alternatives = result.suggestions.filter((s) => s.kind === "entry" && s.id !== entry.id && this.entries.has(s.id));
    const replies = [this.k.renderer.answer(entry)];
    const ids = alternatives.map((a) => a.id);
    let next: ConversationState = { ...clearSuggestions(state), failures: 0, lastTopic: entry.topic, offeredHandoff: undefined };
    if (alternatives.length > 0) {
      replies.push(reply.alternativesMessage(alternatives));
      next = { ...next, suggestions: { queryId: null, ids, alternatives: true } };
    }
    const query = note(text, "answer", entry, "answered", top.score, ids);
    if (entry.handoff === "always") return { replies, state: next, query: { ...query, outcome: "handoff_entry" }, handoff: { reason: "entry_always", topic: entry.topic } };
    if (entry.handoff === "offer") replies[0] = { ...replies[0]!, text: `${replies[0]!.text}${reply.OFFER_HANDOFF_LINE}` };
    return { replies, state: { ...next, offeredHandoff: entry.handoff === "offer" || undefined }, query, rememberSuggestions: ids.length > 0 ? ids : undefined };
  }

  private failed(text: string, state: ConversationState, result: MatchResult): Decision {
    if ((state.failures ?? 0) >= FAILURES_BEFORE_HANDOFF) return this.handOver(text, state, "repeated_failure", result);
    const outOfScope = result.reason === "out_of_scope";
    const message = outOfScope ? reply.outOfScopeMessage(result.outOfScopeSubject) : reply.fallbackMessage(this.k.nationalPortalUrl);
    return { replies: [message], state, query: note(text, "fallback", null, outOfScope ? "out_of_scope" : "fallback", result.top?.score ?? null) };
  }

  private handOver(text: string, state: ConversationState, reason: HandoffReason, result?: MatchResult, lead?: string): Decision {
    const topic = state.lastTopic ?? null;
    const band = result?.band ?? "intent";
    return {
      replies: [],
      state: { ...clearSuggestions(state), failures: 0, offeredHandoff: undefined },
      query: { ...note(text, band, null, `handoff:${reason}`, result?.top?.score ?? null), topic },
      handoff: { reason, topic, lead },
    };
  }

  private intent(text: string, top: Candidate, state: ConversationState): Decision {
    const query = { ...note(text, "intent", null, `intent:${top.id}`, top.score), matchedId: top.id };
    const offered = state.suggestions?.ids[0] ? this.entries.get(state.suggestions.ids[0]) : undefined;
    if (top.id === "yes" && state.offeredHandoff) return this.handOver(text, state, "entry_offer_accepted");
    if (top.id === "yes" && offered) return this.chosen(text, offered, state);
    switch (top.id) {
      case "ask-human":
        return this.handOver(text, state, "asked", undefined, this.intentReply("ask-human"));
      case "not-helpful":
        return this.handOver(text, state, "not_helpful", undefined, this.intentReply("not-helpful"));
      case "greeting":
        return { replies: [this.greeting()], state, query };
      case "menu":
        return { replies: [this.menu(this.intentReply("menu"))], state, query };
      case "no":
        return { replies: [reply.fallbackMessage(this.k.nationalPortalUrl, this.intentReply("no"))], state: clearSuggestions(state), query };
      default:
        return { replies: [{ text: this.intentReply(top.id) }], state, query };
    }
  }

  private chosen(text: string, entry: KnowledgeEntry, state: ConversationState): Decision {
    if (this.expired(entry)) return this.expiredDecision(text, entry, state);
    const offered = state.suggestions;
    const choice = offered?.queryId != null && offered.ids.includes(entry.id) ? { queryId: offered.queryId, entryId: entry.id } : undefined;
    return {
      replies: [this.k.renderer.answer(entry)],
      state: { ...clearSuggestions(state), failures: 0, lastTopic: entry.topic },
      query: note(text, "command", entry, choice ? "chose_suggestion" : "chose_entry"),
      choice,
    };
  }

  /** A 👍/👎 on an entry's answer: counted for that entry in the reports; a 👎 offers a cán bộ. */
  private rated(text: string, entry: KnowledgeEntry, rating: "up" | "down", state: ConversationState): Decision {
    const next = { ...clearSuggestions(state), lastTopic: entry.topic, offeredHandoff: rating === "down" || undefined };
    return { replies: [reply.entryRatedMessage(rating, entry.title)], state: next, query: note(text, "command", entry, `${ENTRY_RATED}${rating}`) };
  }

  private intentReply(id: string): string {
    return this.k.renderer.fill(this.intents.get(id)?.reply ?? "");
  }

  private greeting(): OutgoingMessage {
    return this.menu(this.intentReply("greeting") || "Xin chào anh/chị! Trợ lý có thể giúp gì ạ?");
  }

  private menu(text: string): OutgoingMessage {
    const entries = MENU_ENTRY_IDS.map((id) => this.entries.get(id)).filter((e): e is KnowledgeEntry => Boolean(e));
    return reply.menuMessage(text, entries);
  }
}

function note(text: string, band: string, entry: KnowledgeEntry | null, outcome: string, score: number | null = null, suggestions: string[] = []): QueryNote {
  return { text, band, matchedId: entry?.id ?? null, topic: entry?.topic ?? null, score, outcome, suggestions };
}

function clearSuggestions(state: ConversationState): ConversationState {
  return { ...state, suggestions: undefined };
}
