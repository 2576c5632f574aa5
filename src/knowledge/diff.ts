import { stringify } from "yaml";

export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
}

/** The content as the YAML an editor would read in knowledge/. */
export function asYaml(content: unknown): string {
  return content === null || content === undefined ? "" : stringify(content, { lineWidth: 0 });
}

/** A line diff of two contents as YAML (longest common subsequence; entries are a few hundred lines). */
export function diffContents(before: unknown, after: unknown): DiffLine[] {
  const a = asYaml(before).split("\n");
  const b = asYaml(after).split("\n");
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: "same", text: a[i++]! });
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push({ kind: "added", text: b[j++]! });
    else out.push({ kind: "removed", text: a[i++]! });
  }
  return out;
}

/** Only the changed lines with two lines of context around them. */
export function changedOnly(lines: DiffLine[], context = 2): (DiffLine | null)[] {
  const keep = lines.map((l, i) => lines.slice(Math.max(0, i - context), i + context + 1).some((x) => x.kind !== "same"));
  const out: (DiffLine | null)[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out.at(-1) !== null) out.push(null);
  });
  return out;
}
