import type { QueryNote } from "../analytics/query-log.js";
import type { KnowledgeEntry, Intent } from "../knowledge/entry-schema.js";
import type { Button, OutgoingMessage } from "../knowledge/message.js";
import { AnswerRenderer, HUMAN_BUTTON, truncate } from "../knowledge/render.js";
import type { Candidate, Matcher } from "../matching/index.js";
import { parseCommand, titleKey } from "./commands.js";
import { MENU_ENTRY_IDS } from "./menu.js";
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
}

export interface AssistantDeps {
  matcher: Matcher;
  entries: KnowledgeEntry[];
  intents: Intent[];
  renderer: AnswerRenderer;
  nationalPortalUrl: string;
  now?: () => number;
}

/** Decides what to say. Knows nothing of Zalo, HTTP or the database. */
export class Assistant {
  private readonly entries: Map<string, KnowledgeEntry>;
  private readonly byTitle: Map<string, KnowledgeEntry>;
  private readonly intents: Map<string, Intent>;
  private readonly now: () => number;

  constructor(private readonly deps: AssistantDeps) {
    this.entries = new Map(deps.entries.map((e) => [e.id, e]));
    this.byTitle = new Map(deps.entries.map((e) => [titleKey(e.title), e]));
    this.intents = new Map(deps.intents.map((i) => [i.id, i]));
    this.now = deps.now ?? Date.now;
  }

  respond(input: Input, state: ConversationState): Decision {
    if (input.kind === "follow") return { replies: [this.greeting()], state };
    if ((state.humanActiveUntil ?? 0) > this.now()) {
      const text = input.kind === "text" ? input.text : `[${input.what}]`;
      return { replies: [], state, query: note(text, "human", null, "human_active") };
    }
    if (input.kind === "non_text") {
      return { replies: [this.nonText()], state, query: note(`[${input.what}]`, "command", null, "non_text") };
    }
    return this.respondToText(input.text, state);
  }

  private respondToText(text: string, state: ConversationState): Decision {
    const command = parseCommand(text);
    if (command?.kind === "detail") {
      const entry = this.byTitle.get(titleKey(command.title));
      if (entry) return { replies: [this.deps.renderer.detail(entry, command.section)], state, query: note(text, "command", entry, "detail") };
    }
    if (command?.kind === "choice") {
      const entry = command.title
        ? this.byTitle.get(titleKey(command.title))
        : this.entries.get(state.suggestions?.ids[command.index - 1] ?? "");
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
    const suggestionIds = result.suggestions.filter((s) => s.kind === "entry").map((s) => s.id);
    if (result.band === "answer" && top) {
      const entry = this.entries.get(top.id);
      if (entry) {
        return { replies: [this.deps.renderer.answer(entry)], state: clearSuggestions(state), query: note(text, "answer", entry, "answered", top.score, suggestionIds) };
      }
    }
    const options = result.suggestions.filter((s) => s.kind === "entry" && this.entries.has(s.id)).slice(0, 3);
    if (result.band === "suggest" && options.length > 0) {
      const ids = options.map((o) => o.id);
      return {
        replies: [this.suggestions(options)],
        state: { ...state, suggestions: { queryId: null, ids } },
        query: { ...note(text, "suggest", null, "suggested", top?.score ?? null, ids), topic: options[0]?.topic ?? null },
        rememberSuggestions: ids,
      };
    }
    return { replies: [this.fallback()], state: clearSuggestions(state), query: note(text, "fallback", null, "fallback", top?.score ?? null, suggestionIds) };
  }

  private intent(text: string, top: Candidate, state: ConversationState): Decision {
    const query = { ...note(text, "intent", null, `intent:${top.id}`, top.score), matchedId: top.id };
    const offered = state.suggestions?.ids[0] ? this.entries.get(state.suggestions.ids[0]) : undefined;
    if (top.id === "yes" && offered) return this.chosen(text, offered, state);
    switch (top.id) {
      case "greeting":
        return { replies: [this.greeting()], state, query };
      case "menu":
        return { replies: [this.menu(this.intentReply("menu"))], state, query };
      case "ask-human":
        return { replies: [this.handoff()], state: { ...state, handoffRequestedAt: this.now() }, query: { ...query, outcome: "handoff_requested" } };
      case "no":
        return { replies: [this.fallback(this.intentReply("no"))], state: clearSuggestions(state), query };
      default:
        return { replies: [{ text: this.intentReply(top.id) }], state, query };
    }
  }

  private chosen(text: string, entry: KnowledgeEntry, state: ConversationState): Decision {
    const offered = state.suggestions;
    const choice = offered?.queryId != null && offered.ids.includes(entry.id) ? { queryId: offered.queryId, entryId: entry.id } : undefined;
    return {
      replies: [this.deps.renderer.answer(entry)],
      state: clearSuggestions(state),
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
    const buttons: Button[] = MENU_ENTRY_IDS.map((id) => this.entries.get(id))
      .filter((e): e is KnowledgeEntry => Boolean(e))
      .slice(0, 4)
      .map((e) => ({ kind: "query", title: truncate(e.title, 35), payload: e.title }));
    return { text: text || "Anh/chị cần hỏi về thủ tục nào ạ?", buttons: [...buttons, HUMAN_BUTTON] };
  }

  private suggestions(options: Candidate[]): OutgoingMessage {
    const lines = options.map((o, i) => `${i + 1}. ${o.title}`);
    return {
      text: `Trợ lý chưa chắc anh/chị hỏi về nội dung nào. Có phải là:\n${lines.join("\n")}\n\nAnh/chị bấm chọn hoặc gõ số ${options.map((_o, i) => i + 1).join(", ")}.`,
      buttons: [
        ...options.map((o, i): Button => ({ kind: "query", title: truncate(`${i + 1}. ${o.title}`, 35), payload: `${i + 1}. ${o.title}` })),
        HUMAN_BUTTON,
      ],
    };
  }

  private fallback(lead?: string): OutgoingMessage {
    const text =
      lead ||
      "Xin lỗi, Trợ lý chưa tìm được câu trả lời chắc chắn cho câu hỏi này. Anh/chị có thể hỏi lại ngắn gọn hơn (ví dụ: \"làm căn cước cần giấy tờ gì\"), xem danh mục, tra cứu trên Cổng Dịch vụ công quốc gia, hoặc gặp cán bộ để được hỗ trợ.";
    return {
      text,
      buttons: [
        { kind: "query", title: "Danh mục câu hỏi", payload: "Danh mục" },
        { kind: "url", title: "Cổng Dịch vụ công", url: this.deps.nationalPortalUrl },
        HUMAN_BUTTON,
      ],
    };
  }

  private handoff(): OutgoingMessage {
    return {
      text:
        this.intentReply("ask-human") ||
        "Trợ lý đã ghi nhận yêu cầu gặp cán bộ. Cán bộ sẽ trả lời anh/chị ngay trong cuộc trò chuyện này trong giờ làm việc.",
    };
  }

  private nonText(): OutgoingMessage {
    return {
      text: "Trợ lý hiện mới đọc được tin nhắn chữ. Anh/chị vui lòng gõ câu hỏi (có dấu hoặc không dấu đều được), hoặc bấm \"Gặp cán bộ\" nếu cần gửi giấy tờ cho cán bộ xem.",
      buttons: [HUMAN_BUTTON],
    };
  }
}

function note(text: string, band: string, entry: KnowledgeEntry | null, outcome: string, score: number | null = null, suggestions: string[] = []): QueryNote {
  return { text, band, matchedId: entry?.id ?? null, topic: entry?.topic ?? null, score, outcome, suggestions };
}

function clearSuggestions(state: ConversationState): ConversationState {
  return { ...state, suggestions: undefined };
}
