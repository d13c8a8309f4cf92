// The tree of what differs between two images, for the diff explorer: every changed path of an
// ImageDiff plus the directories above it (so the tree folds), as a FileTree the explorer's tree pane,
// filter and fold already work on. Built from the change list alone (a path table of its own, one
// lookup per node in each final tree), never by walking both images' trees again: its cost follows
// the number of changes, not the number of files.
import type { LayerEntry } from '../model.js';
import { PathTable, ROOT, type PathId } from '../path-table.js';
import { FlatTree } from '../flat-tree.js';
import { DIFF_CODE, type FileTree, type TreeOrder } from '../tree-types.js';
import type { FileChange, FinalFiles } from './diff-files.js';

export interface ChangeTree extends FileTree {
  /** Its own path table: paths are matched by name across the two images, so neither's ids fit. */
  readonly paths: PathTable;
  /** The change a node stands for; undefined for a directory shown only because something below it changed. */
  readonly change: readonly (FileChange | undefined)[];
  /** The node's entry in A's and in B's final filesystem (undefined where it is absent). */
  readonly before: readonly (LayerEntry | undefined)[];
  readonly after: readonly (LayerEntry | undefined)[];
  /** B's bytes minus A's, of the node and everything under it. */
  readonly delta: Float64Array;
}

const sizeDelta = (c: FileChange | undefined): number => (c ? c.sizeAfter - c.sizeBefore : 0);
const byName = (paths: PathTable) => (x: PathId, y: PathId) => {
  const a = paths.name(x);
  const b = paths.name(y);
  return a < b ? -1 : a > b ? 1 : 0;
};

function entryIn(side: FinalFiles, path: string): LayerEntry | undefined {
  const id = side.image.paths.find(path);
  const node = id === undefined ? -1 : side.tree.indexOf(id);
  return node >= 0 ? side.tree.entry[node] : undefined;
}

/** A directory neither image has an entry for (cannot happen for a parent of a listed path; kept total). */
const IMPLIED_DIR: LayerEntry = { path: ROOT, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 };

/**
 * `ownBytes`/`totalBytes` hold |size change| (of the node / summed under it): the bytes that changed,
 * which is what 'size' order sorts by (largest first, ties by name). The signed change is `delta`.
 */
export function buildChangeTree(files: readonly FileChange[], a: FinalFiles, b: FinalFiles, order: TreeOrder = 'name'): ChangeTree {
  const paths = new PathTable();
  const changeOf = new Map<PathId, FileChange>();
  for (const file of files) changeOf.set(paths.intern(file.path), file);
  const n = paths.size - 1;
  // Per path id: signed and absolute change of the subtree. Ids are interned parents first, so walking
  // them backwards every child is summed before its parent.
  const deltaById = new Float64Array(paths.size);
  const churnById = new Float64Array(paths.size);
  for (let id = paths.size - 1; id > ROOT; id--) {
    const change = changeOf.get(id);
    deltaById[id]! += sizeDelta(change);
    churnById[id]! += Math.abs(sizeDelta(change));
    const parent = paths.parent(id);
    deltaById[parent]! += deltaById[id]!;
    churnById[parent]! += churnById[id]!;
  }
  const names = byName(paths);
  const compare = order === 'size' ? (x: PathId, y: PathId) => churnById[y]! - churnById[x]! || names(x, y) : names;
  const pathId = new Int32Array(n);
  const parent = new Int32Array(n);
  const depth = new Uint16Array(n);
  const own = new Float64Array(n);
  const total = new Float64Array(n);
  const delta = new Float64Array(n);
  const diff = new Uint8Array(n);
  const change: (FileChange | undefined)[] = new Array(n);
  const before: (LayerEntry | undefined)[] = new Array(n);
  const after: (LayerEntry | undefined)[] = new Array(n);
  const entry: LayerEntry[] = new Array(n);
  // Pre-order without recursion (depth comes from an image): a stack of [path id, parent node].
  const stack: [PathId, number][] = [...paths.childrenOf(ROOT)]
    .sort(compare)
    .reverse()
    .map((id): [PathId, number] => [id, -1]);
  let next = 0;
  while (stack.length > 0) {
    const [id, up] = stack.pop()!;
    const i = next++;
    const c = changeOf.get(id);
    const path = c ? c.path : paths.path(id);
    pathId[i] = id;
    parent[i] = up;
    depth[i] = up < 0 ? 0 : depth[up]! + 1;
    own[i] = Math.abs(sizeDelta(c));
    total[i] = churnById[id]!;
    delta[i] = deltaById[id]!;
    change[i] = c;
    before[i] = entryIn(a, path);
    after[i] = entryIn(b, path);
    entry[i] = after[i] ?? before[i] ?? IMPLIED_DIR;
    // A directory shown for what is under it: added or removed when only one image has it.
    diff[i] = c ? DIFF_CODE[c.change] : !before[i] ? DIFF_CODE.added : !after[i] ? DIFF_CODE.removed : DIFF_CODE.modified;
    const kids = paths.childrenOf(id);
    if (kids.length > 0) for (const kid of [...kids].sort(compare).reverse()) stack.push([kid, i]);
  }
  const subtree = new Int32Array(n).fill(1);
  for (let i = n - 1; i >= 0; i--) if (parent[i]! >= 0) subtree[parent[i]!]! += subtree[i]!;
  const tree = new FlatTree(n, pathId, parent, depth, subtree, own, total, diff, new Uint8Array(n), entry, paths.size);
  return Object.assign(tree, { paths, change, before, after, delta });
}
