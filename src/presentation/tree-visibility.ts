// Which nodes of a FileTree the tree pane shows. Filtering and hiding diff kinds need one O(n) pass
// (memoised by the caller per tree/filter/hidden); listing the rows then skips collapsed and hidden
// subtrees with `i += subtreeCount[i]`, so its cost is the number of rows it yields.
import { DIFF_KINDS, type DiffKind, type FileTree, type PathId, type PathTable } from '../core/index.js';

/**
 * Full path of every node, lower-cased, for case-insensitive filtering (built once per tree). Absolute,
 * as every path on screen is written: a filter of `/app` finds /app, and `/etc/` only what is under /etc.
 */
export function lowerCasePaths(tree: FileTree, paths: PathTable): string[] {
  const out = new Array<string>(tree.count);
  for (let i = 0; i < tree.count; i++) {
    const name = paths.name(tree.pathId[i]!).toLowerCase();
    const parent = tree.parent[i]!;
    out[i] = parent < 0 ? `/${name}` : `${out[parent]}/${name}`;
  }
  return out;
}

/**
 * 1 for nodes to show, or null when nothing is filtered. A node shows when its own diff kind is not
 * hidden and its path contains the filter, or when any descendant shows (so matches keep their path).
 */
export function visibilityMask(
  tree: FileTree,
  fullPaths: readonly string[] | undefined,
  filter: string,
  hidden: ReadonlySet<DiffKind>,
): Uint8Array | null {
  const needle = filter.toLowerCase();
  if (needle === '' && hidden.size === 0) return null;
  const hiddenCode = new Uint8Array(DIFF_KINDS.length);
  for (const kind of hidden) hiddenCode[DIFF_KINDS.indexOf(kind)] = 1;
  // DIFF_KINDS is in DIFF_CODE order (unchanged, added, modified, removed).
  const mask = new Uint8Array(tree.count);
  for (let i = tree.count - 1; i >= 0; i--) {
    if (mask[i] === 0 && hiddenCode[tree.diff[i]!] === 0 && (needle === '' || fullPaths![i]!.includes(needle))) mask[i] = 1;
    // Pre-order: children come after parents, so walking backwards every child is final before its parent.
    const parent = tree.parent[i]!;
    if (mask[i] === 1 && parent >= 0) mask[parent] = 1;
  }
  return mask;
}

/** Node indices of the rows shown, ascending. */
export function listVisibleRows(tree: FileTree, mask: Uint8Array | null, collapsed: ReadonlySet<PathId>): Int32Array {
  const rows = new Int32Array(tree.count);
  let n = 0;
  let i = 0;
  while (i < tree.count) {
    if (mask !== null && mask[i] === 0) {
      i += tree.subtreeCount[i]!;
      continue;
    }
    rows[n++] = i;
    i += collapsed.size > 0 && collapsed.has(tree.pathId[i]!) ? tree.subtreeCount[i]! : 1;
  }
  return rows.subarray(0, n);
}

/** Row of a node in `rows` (ascending), or -1. */
export function rowOfNode(rows: Int32Array, node: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = rows[mid]!;
    if (at === node) return mid;
    if (at < node) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Path ids of every directory that has children (for collapse-all). */
export function directoryPathIds(tree: FileTree): PathId[] {
  const out: PathId[] = [];
  for (let i = 0; i < tree.count; i++) if (tree.subtreeCount[i]! > 1) out.push(tree.pathId[i]!);
  return out;
}

/** True when a later sibling of node i is shown (decides ├── versus └──). */
export function hasLaterVisibleSibling(tree: FileTree, mask: Uint8Array | null, i: number): boolean {
  const parent = tree.parent[i]!;
  const end = parent < 0 ? tree.count : parent + tree.subtreeCount[parent]!;
  for (let j = i + tree.subtreeCount[i]!; j < end; j += tree.subtreeCount[j]!) {
    if (mask === null || mask[j] === 1) return true;
  }
  return false;
}
