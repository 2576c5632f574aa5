import { ENTRY_RATED } from "./rollup.js";

/**
 * Citizens' own questions, labelled by what happened to them in the service: the entry a citizen
 * tapped among the choices offered, an answer the citizen rated 👍, or a decision staff took in the
 * unanswered queue (this group is an example of entry X; this group is out of scope). Nobody writes
 * or rewords a question here: the text is the query log's (already redacted when it was stored).
 *
 * These labels are what a pilot province has instead of a team-labelled set. They are biased, and the
 * eval says so: a citizen can only tap an entry that was offered, and only the questions that reached
 * the unanswered queue get a staff label.
 */
export type LabelOrigin = "staff_example" | "staff_out_of_scope" | "citizen_choice" | "rated_up";

export interface LoggedQuery {
  id: number;
  text: string;
  userKey: string;
  createdAt: Date;
  outcome: string;
  matchedId: string | null;
  chosenId: string | null;
}

export interface QueryLabel {
  /** The entry that answers the question, or null when it is out of scope. */
  expected: string | null;
  origin: LabelOrigin;
}

export interface StaffDecision {
  status: string;
  action: string;
  entryKey: string | null;
}

/** The labels citizens gave by their own taps, in log order: a choice among suggestions, a 👍 on an answer. */
export function citizenLabels(rows: readonly LoggedQuery[]): Map<number, QueryLabel> {
  const labels = new Map<number, QueryLabel>();
  const lastAsked = new Map<string, LoggedQuery>();
  for (const r of rows) {
    if (r.chosenId) labels.set(r.id, { expected: r.chosenId, origin: "citizen_choice" });
    if (r.outcome === "answered" || r.outcome === "suggested") lastAsked.set(r.userKey, r);
    if (r.outcome !== `${ENTRY_RATED}up`) continue;
    // A 👍 rates the answer to the citizen's last question, and labels it only if that answer is the rated entry.
    const rated = lastAsked.get(r.userKey);
    if (rated && rated.outcome === "answered" && rated.matchedId === r.matchedId && !labels.has(rated.id)) {
      labels.set(rated.id, { expected: r.matchedId, origin: "rated_up" });
    }
  }
  return labels;
}

/** The labels staff gave to whole groups of unanswered questions; set-aside and new-entry groups name no entry. */
export function staffLabels(groups: readonly { key: string; queryIds: number[] }[], decisions: ReadonlyMap<string, StaffDecision>): Map<number, QueryLabel> {
  const labels = new Map<number, QueryLabel>();
  for (const g of groups) {
    const label = staffLabel(decisions.get(g.key));
    if (label) for (const id of g.queryIds) labels.set(id, label);
  }
  return labels;
}

function staffLabel(d: StaffDecision | undefined): QueryLabel | null {
  if (d?.status === "out_of_scope") return { expected: null, origin: "staff_out_of_scope" };
  if (d?.status === "handled" && d.action === "example" && d.entryKey?.startsWith("entry:")) {
    return { expected: d.entryKey.slice("entry:".length), origin: "staff_example" };
  }
  return null;
}

/** One line of a pilot set, in the real set's format (see src/cli/eval-sets.ts), the origin in `kind`. */
export interface PilotLine {
  question: string;
  source: string;
  expected: string | null;
  topic: string;
  kind: `pilot:${LabelOrigin}`;
  asked: string;
}

/** The labelled queries as pilot lines, oldest first; a staff decision outranks a citizen's tap. */
export function pilotLines(
  rows: readonly LoggedQuery[],
  staff: ReadonlyMap<number, QueryLabel>,
  citizens: ReadonlyMap<number, QueryLabel>,
  topicOf: (entryId: string) => string | undefined,
): PilotLine[] {
  const lines: PilotLine[] = [];
  for (const r of rows) {
    const label = staff.get(r.id) ?? citizens.get(r.id);
    if (!label) continue;
    const topic = label.expected === null ? "none" : topicOf(label.expected);
    if (topic === undefined) continue; // an entry that no longer exists: nothing to score it against
    lines.push({
      question: r.text,
      source: `pilot:query/${r.id}`,
      expected: label.expected,
      topic,
      kind: `pilot:${label.origin}`,
      asked: r.createdAt.toISOString().slice(0, 10),
    });
  }
  return lines;
}

/** "citizen_choice 3, rated_up 1": how many lines each label origin gave (`kind` of the pilot lines). */
export function countByOrigin(kinds: readonly (string | undefined)[]): string {
  const by = new Map<string, number>();
  for (const k of kinds) {
    const origin = (k ?? "?").replace(/^pilot:/, "");
    by.set(origin, (by.get(origin) ?? 0) + 1);
  }
  return [...by].map(([k, n]) => `${k} ${n}`).join(", ") || "none";
}
