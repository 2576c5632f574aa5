import { loadConfig, type Config } from "../config.js";
import { createMatcher, DEFAULT_THRESHOLDS, parseSynonyms, type Matcher, type MatcherInput, type Thresholds } from "../matching/index.js";
import type { KnowledgeEntry } from "./entry-schema.js";
import { loadKnowledgeBase, type KnowledgeBase } from "./loader.js";

export interface LiveKnowledge {
  matcher: Matcher;
  entries: KnowledgeEntry[];
  kb: KnowledgeBase;
}

/** The one way to build the engine the assistant serves: the server, `match` and `eval` all use it. */
export async function loadLiveMatcher(config: Config = loadConfig()): Promise<LiveKnowledge> {
  const kb = await loadKnowledgeBase(config);
  return { matcher: matcherFor(kb, config), entries: kb.entries, kb };
}

export function matcherFor(kb: KnowledgeBase, config: Pick<Config, "match">): Matcher {
  return createMatcher(matcherInputFor(kb, liveThresholds(config)));
}

/** The configured thresholds over the engine's defaults. */
export function liveThresholds(config: Pick<Config, "match">): Thresholds {
  const overrides = Object.fromEntries(Object.entries(config.match).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_THRESHOLDS, ...overrides };
}

export function matcherInputFor(kb: KnowledgeBase, thresholds: Thresholds): MatcherInput {
  return {
    entries: kb.entries.map((e) => ({
      id: e.id,
      topic: e.topic,
      title: e.title,
      questions: e.questions,
      keywords: e.keywords,
      answerThreshold: e.match?.answer_threshold,
      notAbout: e.match?.not_about,
    })),
    intents: kb.intents.map((i) => ({ id: i.id, questions: i.questions })),
    synonyms: parseSynonyms(kb.synonymsRaw),
    thresholds,
  };
}
