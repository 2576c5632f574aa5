import type { QueryNote } from "../analytics/query-log.js";
import type { KnowledgeEntry, Intent } from "../knowledge/entry-schema.js";
import type { OutgoingMessage } from "../knowledge/message.js";
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
  handoff?: { reason: HandoffReason; topic: string | null };
  /** The citizen rated the service of the cán bộ who just closed their conversation. */
  rating?: "up" | "down";
}

export interface AssistantDeps {
  matcher: Matcher;
  entries: KnowledgeEntry[];
  intents: Intent[];
  renderer: AnswerRenderer;
  nationalPortalUrl: string;
  privacyUrl: string;
}

/** Two failures in a row (fallbacks, or suggestion lists ignored) hand the citizen over. */
const FAILURES_BEFORE_HANDOFF = 2;

/** Decides what to say. Knows nothing of Zalo, HTTP or the database. */
export class Assistant {
  private readonly entries: Map<string, KnowledgeEntry>;
  private readonly byTitle: Map<string, KnowledgeEntry>;
  private readonly intents: Map<string, Intent>;

  constructor(private readonly deps: AssistantDeps) {
    this.entries = new Map(deps.entries.map((e) => [e.id, e]));
    this.byTitle = new Map(deps.entries.map((e) => [titleKey(e.title), e]));
    this.intents = new Map(deps.intents.map((i) => [i.id, i]));
  }

  respond(input: Input, state: ConversationState): Decision {
    const decision = this.decide(input, state);
    if (input.kind !== "follow" && state.privacyNoticeShown) return decision;
    const replies = decision.replies.length > 0 ? reply.withLine(decision.replies, reply.privacyNotice(this.deps.privacyUrl)) : decision.replies;
    return { ...decision, replies, state: { ...decision.state, privacyNoticeShown: replies.length > 0 || state.privacyNoticeShown } };
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
    if (command?.kind === "detail") {
      const entry = this.byTitle.get(titleKey(command.title));
      if (entry) return { replies: [this.deps.renderer.detail(entry, command.section)], state, query: note(text, "command", entry, "detail") };
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
    const result = this.deps.matcher.match(text);
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
        replies: [reply.suggestionsMessage(options)],
        state: next,
        query: { ...note(text, "suggest", null, "suggested", top?.score ?? null, ids), topic: options[0]?.topic ?? null },
        rememberSuggestions: ids,
      };
    }
    return this.failed(text, { ...clearSuggestions(state), failures: failures + 1 }, result);
  }

  private answered(text: string, entry: KnowledgeEntry, top: Candidate, result: MatchResult, state: ConversationState): Decision {
    const alternatives = result.suggestions.filter((s) => s.kind === "entry" && s.id !== entry.id && this.entries.has(s.id));
    const replies = [this.deps.renderer.answer(entry)];
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
    const message = outOfScope ? reply.outOfScopeMessage(result.outOfScopeSubject) : reply.fallbackMessage(this.deps.nationalPortalUrl);
    return { replies: [message], state, query: note(text, "fallback", null, outOfScope ? "out_of_scope" : "fallback", result.top?.score ?? null) };
  }

  private handOver(text: string, state: ConversationState, reason: HandoffReason, result?: MatchResult): Decision {
    const topic = state.lastTopic ?? null;
    const band = result?.band ?? "intent";
    return {
      replies: [],
      state: { ...clearSuggestions(state), failures: 0, offeredHandoff: undefined },
      query: { ...note(text, band, null, `handoff:${reason}`, result?.top?.score ?? null), topic },
      handoff: { reason, topic },
    };
  }

  private intent(text: string, top: Candidate, state: ConversationState): Decision {
    const query = { ...note(text, "intent", null, `intent:${top.id}`, top.score), matchedId: top.id };
    const offered = state.suggestions?.ids[0] ? this.entries.get(state.suggestions.ids[0]) : undefined;
    if (top.id === "yes" && state.offeredHandoff) return this.handOver(text, state, "entry_offer_accepted");
    if (top.id === "yes" && offered) return this.chosen(text, offered, state);
    switch (top.id) {
      case "ask-human":
        return this.handOver(text, state, "asked");
      case "not-helpful":
        return this.handOver(text, state, "not_helpful");
      case "greeting":
        return { replies: [this.greeting()], state, query };
      case "menu":
        return { replies: [this.menu(this.intentReply("menu"))], state, query };
      case "no":
        return { replies: [reply.fallbackMessage(this.deps.nationalPortalUrl, this.intentReply("no"))], state: clearSuggestions(state), query };
      default:
        return { replies: [{ text: this.intentReply(top.id) }], state, query };
    }
  }

  private chosen(text: string, entry: KnowledgeEntry, state: ConversationState): Decision {
    const offered = state.suggestions;
    const choice = offered?.queryId != null && offered.ids.includes(entry.id) ? { queryId: offered.queryId, entryId: entry.id } : undefined;
    return {
      replies: [this.deps.renderer.answer(entry)],
      state: { ...clearSuggestions(state), failures: 0, lastTopic: entry.topic },
      query: note(text, "command", entry, choice ? "chose_suggestion" : "chose_entry"),
      choice,
    };
  }

  private intentReply(id: string): string {
    return this.deps.renderer.fill(this.intents.get(id)?.reply ?? "");
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
