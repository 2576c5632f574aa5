/** Zalo accepts at most 2,000 characters a message; we count code points after NFC. */
export const ZALO_TEXT_LIMIT = 2000;

const length = (s: string) => [...s].length;

/** Splits on paragraph boundaries, then lines, then sentences, then words; never inside a word when avoidable. */
export function splitText(text: string, limit = ZALO_TEXT_LIMIT): string[] {
  const normalised = text.normalize("NFC").trim();
  if (length(normalised) <= limit) return normalised ? [normalised] : [];
  return pack(normalised, ["\n\n", "\n", ". ", " "], limit);
}

function pack(text: string, separators: string[], limit: number): string[] {
  const [separator, ...finer] = separators;
  if (separator === undefined) return hardCut(text, limit);
  const chunks: string[] = [];
  let current = "";
  for (const piece of text.split(separator)) {
    const candidate = current ? current + separator + piece : piece;
    if (length(candidate) <= limit) {
      current = candidate;
      continue;
    }
    if (current) chunks.push(current.trim());
    current = "";
    if (length(piece) <= limit) current = piece;
    else chunks.push(...pack(piece, finer, limit));
  }
  if (current.trim()) chunks.push(current.trim());
  return chunks.filter(Boolean);
}

function hardCut(text: string, limit: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += limit) out.push(chars.slice(i, i + limit).join(""));
  return out;
}
