import { fold } from "../matching/index.js";
import { canonical } from "./content.js";
import type { KnowledgeEntry } from "./entry-schema.js";
import { expiresWithin, isExpired, reviewDue, vietnamDay } from "./expiry.js";
import type { StoredItem } from "./repository.js";

export interface EntryFilter {
  q?: string;
  topic?: string;
  /** needs_review | expiring | expired | stale | upstream | draft */
  only?: string;
  /** "stale": not verified for this many days. */
  staleDays?: number;
}

export interface EntryRow {
  key: string;
  entry: KnowledgeEntry;
  hasDraft: boolean;
  published: boolean;
  needsReview: boolean;
  expired: boolean;
  expiringSoon: boolean;
  reviewDue: boolean;
  stale: boolean;
  upstreamWaiting: boolean;
  locallyEdited: boolean;
}

export const EXPIRING_DAYS = 30;

/** The entries an editor looks for: by text, topic, and what needs attention. */
export function listEntries(items: StoredItem[], filter: EntryFilter, now: number): EntryRow[] {
  const staleDay = vietnamDay(now, -(filter.staleDays ?? 180));
  const rows = items
    .filter((i) => i.kind === "entry")
    .map((i): EntryRow => {
      const entry = (i.draft ?? i.published)?.content as KnowledgeEntry;
      return {
        key: i.key,
        entry,
        hasDraft: i.draft !== null,
        published: i.published !== null,
        needsReview: entry.needs_review !== false,
        expired: isExpired(entry, now),
        expiringSoon: expiresWithin(entry, now, EXPIRING_DAYS),
        reviewDue: reviewDue(entry, now),
        stale: entry.verified_on < staleDay,
        upstreamWaiting: i.pendingUpstream !== null,
        locallyEdited: i.upstreamContent !== null && canonical(i.published?.content) !== canonical(i.upstreamContent),
      };
    });
  const words = fold(filter.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (filter.topic && r.entry.topic !== filter.topic) return false;
    if (!matchesOnly(r, filter.only)) return false;
    const hay = fold([r.entry.id, r.entry.title, r.entry.answer, ...r.entry.questions].join(" ")).toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

function matchesOnly(r: EntryRow, only: string | undefined): boolean {
  switch (only) {
    case "needs_review": return r.needsReview;
    case "expiring": return r.expiringSoon || r.expired || r.reviewDue;
    case "stale": return r.stale;
    case "upstream": return r.upstreamWaiting;
    case "draft": return r.hasDraft;
    default: return true;
  }
}
