// A unified diff of two texts' lines, for the viewer's "diff against the previous version". Hand-written
// (Myers' O(ND) greedy algorithm, the one GNU diff and git use) because no diff package is installed;
// output follows `diff -u` so it reads as people expect. Lines are compared as given (already escaped).

export type DiffOp = { readonly kind: ' ' | '-' | '+'; readonly text: string };

/** Beyond this many edits the script is not searched for (memory grows with its square): see below. */
const MAX_EDITS = 2000;

/**
 * The shortest edit script from `a` to `b` as kept, removed and added lines. Common head and tail are
 * taken off first; when the middle needs more than MAX_EDITS edits it is shown as all removed then all
 * added (a correct diff, just not the shortest).
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const middle = myers(midA, midB) ?? [
    ...midA.map((text): DiffOp => ({ kind: '-', text })),
    ...midB.map((text): DiffOp => ({ kind: '+', text })),
  ];
  const kept = (text: string): DiffOp => ({ kind: ' ', text });
  return [...a.slice(0, head).map(kept), ...middle, ...a.slice(a.length - tail).map(kept)];
}

/** Myers' greedy forward search, keeping each round's furthest points (k = -d..d) to walk back. */
function myers(a: readonly string[], b: readonly string[]): DiffOp[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, MAX_EDITS);
  // v[k] for the current round, indexed k + limit + 1.
  const off = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const rounds: Int32Array[] = [];
  const choose = (vd: Int32Array, k: number, d: number): number =>
    // the diagonal a round-d point on k came from
    k === -d || (k !== d && vd[off + k - 1]! < vd[off + k + 1]!) ? k + 1 : k - 1;
  let done = n === 0 && m === 0;
  for (let d = 0; d <= limit && !done; d++) {
    rounds.push(v.slice(off - d - 1, off + d + 2)); // v of round d-1 around k = -d-1..d+1
    for (let k = -d; k <= d; k += 2) {
      let x = choose(v, k, d) === k + 1 ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  if (!done) return undefined;
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = rounds.length - 1; d >= 0; d--) {
    const saved = rounds[d]!;
    // saved[i] is v[k] for k = i - d - 1.
    const at = (k: number): number => saved[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', text: a[x]! });
    }
    if (d === 0) break;
    if (x === prevX) ops.push({ kind: '+', text: b[--y]! });
    else ops.push({ kind: '-', text: a[--x]! });
  }
  return ops.reverse();
}

const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/**
 * `diff -u` lines: a header, then hunks with `context` lines around each change (hunks closer than
 * twice that merge). Empty (header only) when the texts are equal.
 */
export function unifiedDiff(a: readonly string[], b: readonly string[], labelA: string, labelB: string, context = 3): string[] {
  const ops = diffLines(a, b);
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  const out = [`--- ${labelA}`, `+++ ${labelB}`];
  let at = 0;
  while (at < changed.length) {
    // Grow the hunk while the next change is within 2 × context of the last one.
    let last = at;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context) last++;
    const from = Math.max(0, changed[at]! - context);
    const to = Math.min(ops.length, changed[last]! + context + 1);
    let lineA = 1;
    let lineB = 1;
    for (let i = 0; i < from; i++) {
      if (ops[i]!.kind !== '+') lineA++;
      if (ops[i]!.kind !== '-') lineB++;
    }
    const body = ops.slice(from, to);
    const countA = body.filter((op) => op.kind !== '+').length;
    const countB = body.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${range(lineA, countA)} +${range(lineB, countB)} @@`);
    for (const op of body) out.push(`${op.kind}${op.text}`);
    at = last + 1;
  }
  return out;
}
