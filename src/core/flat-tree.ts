// The immutable flat FileTree, and the draft it is built from: nodes are pushed in pre-order with
// their own bytes, then one backward pass fills subtree counts and totals (children come after
// their parent, so every child is final before it is added to its parent).
import type { LayerEntry } from './model.js';
import type { PathId } from './path-table.js';
import { DIFF_CODE, type FileTree } from './tree-types.js';

export class FlatTree implements FileTree {
  private index: Int32Array | undefined;

  constructor(
    readonly count: number,
    readonly pathId: Int32Array,
    readonly parent: Int32Array,
    readonly depth: Uint16Array,
    readonly subtreeCount: Int32Array,
    readonly ownBytes: Float64Array,
    readonly totalBytes: Float64Array,
    readonly diff: Uint8Array,
    readonly flags: Uint8Array,
    readonly entry: readonly LayerEntry[],
    private readonly pathCount: number,
  ) {}

  indexOf(path: PathId): number {
    if (!this.index) {
      // Built on first use only: most trees are just listed.
      this.index = new Int32Array(this.pathCount).fill(-1);
      for (let i = 0; i < this.count; i++) this.index[this.pathId[i]!] = i;
    }
    return path >= 0 && path < this.pathCount ? this.index[path]! : -1;
  }
}

export class TreeDraft {
  private readonly pathIds: number[] = [];
  private readonly parents: number[] = [];
  private readonly depths: number[] = [];
  private readonly own: number[] = [];
  private readonly base: number[] = [];
  private readonly diffs: number[] = [];
  private readonly flagBits: number[] = [];
  private readonly entries: LayerEntry[] = [];

  get count(): number {
    return this.pathIds.length;
  }

  /** `baseBytes` starts the node's total (own bytes unless the node stands for more, like a whiteout). */
  push(pathId: PathId, parent: number, depth: number, entry: LayerEntry, own: number, diff: number, flags = 0, baseBytes = own): number {
    this.pathIds.push(pathId);
    this.parents.push(parent);
    this.depths.push(depth);
    this.entries.push(entry);
    this.own.push(own);
    this.base.push(baseBytes);
    this.diffs.push(diff);
    this.flagBits.push(flags);
    return this.pathIds.length - 1;
  }

  /**
   * Totals: a node's bytes plus its children's, except that removed children do not count toward a
   * present parent (the parent's size is what is there now). With `propagate`, a present node that
   * is unchanged but has a changed descendant becomes modified (dive's rule, so hiding unchanged
   * nodes keeps the paths to changes).
   */
  finish(pathCount: number, propagate: boolean): FlatTree {
    const n = this.count;
    const parent = Int32Array.from(this.parents);
    const subtree = new Int32Array(n).fill(1);
    const total = Float64Array.from(this.base);
    const diff = Uint8Array.from(this.diffs);
    for (let i = n - 1; i >= 0; i--) {
      const p = parent[i]!;
      if (p < 0) continue;
      subtree[p]! += subtree[i]!;
      if (diff[i] !== DIFF_CODE.removed || diff[p] === DIFF_CODE.removed) total[p]! += total[i]!;
      if (propagate && diff[i] !== DIFF_CODE.unchanged && diff[p] === DIFF_CODE.unchanged) diff[p] = DIFF_CODE.modified;
    }
    return new FlatTree(
      n,
      Int32Array.from(this.pathIds),
      parent,
      Uint16Array.from(this.depths),
      subtree,
      Float64Array.from(this.own),
      total,
      diff,
      Uint8Array.from(this.flagBits),
      this.entries,
      pathCount,
    );
  }
}

/** The same tree with every node's children by total bytes, largest first (ties keep name order). */
export function sortBySize(tree: FlatTree, pathCount: number): FlatTree {
  const n = tree.count;
  const children: number[][] = [];
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = tree.parent[i]!;
    if (p < 0) roots.push(i);
    else (children[p] ??= []).push(i);
  }
  const bySize = (a: number, b: number) => tree.totalBytes[b]! - tree.totalBytes[a]! || a - b;
  const order = new Int32Array(n);
  const newIndex = new Int32Array(n);
  let next = 0;
  const stack = roots.sort(bySize).reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    newIndex[i] = next;
    order[next++] = i;
    const kids = children[i];
    if (kids) for (const c of kids.sort(bySize).reverse()) stack.push(c);
  }
  const pick = <T extends Int32Array | Uint16Array | Float64Array | Uint8Array>(src: T, out: T): T => {
    for (let j = 0; j < n; j++) out[j] = src[order[j]!]!;
    return out;
  };
  const parent = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const p = tree.parent[order[j]!]!;
    parent[j] = p < 0 ? -1 : newIndex[p]!;
  }
  return new FlatTree(
    n,
    pick(tree.pathId, new Int32Array(n)),
    parent,
    pick(tree.depth, new Uint16Array(n)),
    pick(tree.subtreeCount, new Int32Array(n)),
    pick(tree.ownBytes, new Float64Array(n)),
    pick(tree.totalBytes, new Float64Array(n)),
    pick(tree.diff, new Uint8Array(n)),
    pick(tree.flags, new Uint8Array(n)),
    Array.from(order, (i) => tree.entry[i]!),
    pathCount,
  );
}
