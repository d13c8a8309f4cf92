// Derived tree data for a state, memoised step by step so a key recomputes only what it changed:
// tree (layer, mode, order) → full paths (only while filtering) → visibility mask → visible rows.
// A plain function rather than hooks, so the reducer can ask for the rows of the state a key finds
// (keys arriving together each see the rows the keys before them left), and the view draws the same.
import type { DiffKind, FileTree, ImageModel, PathId, TreeSource } from '../core/index.js';
import { listVisibleRows, lowerCasePaths, visibilityMask } from '../presentation/index.js';
import type { ExplorerState } from './state.js';

export interface TreeView {
  readonly tree: FileTree;
  /** The selected layer's own tree: which directories it made opaque. */
  readonly layerTree: FileTree;
  readonly mask: Uint8Array | null;
  readonly rows: Int32Array;
}

export type TreeViews = (state: ExplorerState) => TreeView;

/** The last result of `compute`, kept while every input is the same object (as useMemo does). */
export function memoOne<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
  let last: { args: A; value: R } | undefined;
  return (...args: A) => {
    if (!last || last.args.length !== args.length || last.args.some((a, i) => !Object.is(a, args[i]))) {
      last = { args, value: compute(...args) };
    }
    return last.value;
  };
}

export function treeViews(image: ImageModel, trees: TreeSource): TreeViews {
  // Full paths cost one pass over the tree: made when filtering first needs them, kept per tree after
  // (clearing the filter and typing again must not pay twice).
  const pathCache = new WeakMap<FileTree, string[]>();
  const fullPaths = (tree: FileTree): string[] => {
    let known = pathCache.get(tree);
    if (!known) pathCache.set(tree, (known = lowerCasePaths(tree, image.paths)));
    return known;
  };
  const maskOf = memoOne((tree: FileTree, filter: string, hidden: ReadonlySet<DiffKind>) =>
    visibilityMask(tree, filter === '' ? undefined : fullPaths(tree), filter, hidden),
  );
  const rowsOf = memoOne((tree: FileTree, mask: Uint8Array | null, collapsed: ReadonlySet<PathId>) =>
    listVisibleRows(tree, mask, collapsed),
  );
  const viewOf = memoOne((tree: FileTree, layerTree: FileTree, mask: Uint8Array | null, rows: Int32Array): TreeView => ({
    tree,
    layerTree,
    mask,
    rows,
  }));
  return (state) => {
    const tree = trees.comparedTree(state.selectedLayer, state.compare, state.order);
    const mask = maskOf(tree, state.filter, state.hidden);
    return viewOf(tree, trees.layerTree(state.selectedLayer), mask, rowsOf(tree, mask, state.collapsed));
  };
}
