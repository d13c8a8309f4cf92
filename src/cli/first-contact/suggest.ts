// "Did you mean …?" for a mistyped command: the closest known word within a small edit distance.

/** Levenshtein distance, with an early exit once every path is over `limit`. */
function distance(a: string, b: string, limit: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** The closest of `known` to `word` (at most 2 edits, and fewer than half its letters), or undefined. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.floor(word.length / 2));
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(word.toLowerCase(), name, limit);
    if (d <= limit && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}
