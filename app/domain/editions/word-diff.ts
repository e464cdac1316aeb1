/** One run of a word-level difference: words both texts share, or words only the old or the new has. */
export interface DiffPart {
  op: "same" | "removed" | "added";
  text: string;
}

// Above this many word pairs the table would cost too much memory; the texts are then shown whole.
const MAX_CELLS = 4_000_000;

/**
 * The word-level difference between two texts (longest common subsequence of their words, the
 * spaces kept with the word before them), adjacent parts of one kind joined.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > MAX_CELLS) return join([...a.map((text) => ({ op: "removed" as const, text })), ...b.map((text) => ({ op: "added" as const, text }))]);
  const n = a.length;
  const m = b.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = a[i] === b[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      parts.push({ op: "same", text: a[i]! });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!)) {
      parts.push({ op: "removed", text: a[i++]! });
    } else {
      parts.push({ op: "added", text: b[j++]! });
    }
  }
  return join(parts);
}

function tokens(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function join(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
