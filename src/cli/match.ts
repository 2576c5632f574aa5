/**
 * `npm run --silent match -- --jsonl`: batch matching with exactly the live engine, thresholds and
 * published knowledge. Reads JSON lines with a field `q` on stdin and writes one JSON line per input:
 * {"q", "band", "id", "topic", "score", "confidence", "reason", "suggestions": [{"id", "topic", "score"}]}
 * (plus "outOfScopeSubject" when reason is "out_of_scope", or "not_about" because the message names a public
 * matter no entry covers). An answer with alternatives is band "answer",
 * its sibling alternatives in "suggestions"; "confidence" is the probability that "id" is right.
 * Without --jsonl, each stdin line is a plain question.
 */
import { createInterface } from "node:readline";
import { loadLiveMatcher } from "../knowledge/live-matcher.js";
import type { Candidate } from "../matching/index.js";

const brief = (c: Candidate) => ({ id: c.id, topic: c.topic, score: c.score });

async function main(): Promise<void> {
  const jsonl = process.argv.includes("--jsonl");
  const { matcher } = await loadLiveMatcher();
  const out: string[] = [];
  const flush = () => {
    if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
    out.length = 0;
  };
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    let q: string;
    if (jsonl) {
      try {
        const parsed = JSON.parse(line) as { q?: unknown };
        if (typeof parsed.q !== "string") throw new Error("missing string field q");
        q = parsed.q;
      } catch (error) {
        out.push(JSON.stringify({ q: null, error: (error as Error).message }));
        continue;
      }
    } else q = line;
    const r = matcher.match(q);
    out.push(
      JSON.stringify({
        q,
        band: r.band,
        id: r.top?.id ?? null,
        topic: r.top?.topic ?? null,
        score: r.top?.score ?? 0,
        confidence: r.confidence,
        reason: r.reason ?? null,
        ...(r.outOfScopeSubject ? { outOfScopeSubject: r.outOfScopeSubject } : {}),
        suggestions: r.suggestions.map(brief),
      }),
    );
    if (out.length >= 256) flush();
  }
  flush();
}

await main();
