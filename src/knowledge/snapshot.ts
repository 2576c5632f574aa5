import type { Config } from "../config.js";
import { createMatcher, type EngineMatcher } from "../matching/index.js";
import type { Intent, KnowledgeEntry } from "./entry-schema.js";
import { liveThresholds, matcherInputFor } from "./live-matcher.js";
import type { KnowledgeBase } from "./loader.js";
import { provinceText } from "./province-schema.js";
import { AnswerRenderer } from "./render.js";

/** Everything the assistant answers from, built once per publication and never changed after. */
export interface KnowledgeSnapshot {
  kb: KnowledgeBase;
  matcher: EngineMatcher;
  entries: KnowledgeEntry[];
  intents: Intent[];
  renderer: AnswerRenderer;
  nationalPortalUrl: string;
  builtAt: number;
}

export function buildSnapshot(kb: KnowledgeBase, config: Pick<Config, "match">, now = Date.now()): KnowledgeSnapshot {
  return {
    kb,
    matcher: createMatcher(matcherInputFor(kb, liveThresholds(config))),
    entries: kb.entries,
    intents: kb.intents,
    renderer: new AnswerRenderer(kb.province),
    nationalPortalUrl: provinceText(kb.province, "national_portal_url"),
    builtAt: now,
  };
}

/**
 * The one reference the live assistant reads, once per event. A publication builds the next snapshot
 * beside the current one and then swaps this reference: a message is answered wholly from the old
 * knowledge or wholly from the new, never from a mix, and nothing waits for the build.
 */
export class LiveKnowledge {
  constructor(private snapshot: KnowledgeSnapshot) {}

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  swap(next: KnowledgeSnapshot): void {
    this.snapshot = next;
  }
}
