// The rows of the diff explorer's tree for a state, memoised step by step like the explorer's
// (tree-views.ts): change tree (by order) → full paths (only while filtering) → mask → visible rows.
// The reducer asks for them to resolve keys; the view draws the same.
import type { ChangeTree, DiffKind, FileTree, PathId, TreeOrder } from '../../core/index.js';
import { listVisibleRows, lowerCasePaths, visibilityMask } from '../../presentation/index.js';
import type { ExplorerState } from '../state.js';
import { memoOne } from '../tree-views.js';

export interface ChangeView {
  readonly tree: ChangeTree;
  readonly mask: Uint8Array | null;
  readonly rows: Int32Array;
}

/** `treeOf` builds the tree in an order (called once per order: the caller caches). */
export function changeViews(treeOf: (order: TreeOrder) => ChangeTree): (state: ExplorerState) => ChangeView {
  const trees = new Map<TreeOrder, ChangeTree>();
  const tree = (order: TreeOrder): ChangeTree => {
    let known = trees.get(order);
    if (!known) trees.set(order, (known = treeOf(order)));
    return known;
  };
  const pathCache = new WeakMap<FileTree, string[]>();
  const fullPaths = (t: ChangeTree): string[] => {
    let known = pathCache.get(t);
    if (!known) pathCache.set(t, (known = lowerCasePaths(t, t.paths)));
    return known;
  };
  const maskOf = memoOne((t: ChangeTree, filter: string, hidden: ReadonlySet<DiffKind>) =>
    visibilityMask(t, filter === '' ? undefined : fullPaths(t), filter, hidden),
  );
  const rowsOf = memoOne((t: ChangeTree, mask: Uint8Array | null, collapsed: ReadonlySet<PathId>) => listVisibleRows(t, mask, collapsed));
  const viewOf = memoOne((t: ChangeTree, mask: Uint8Array | null, rows: Int32Array): ChangeView => ({ tree: t, mask, rows }));
  return (state) => {
    const t = tree(state.order);
    const mask = maskOf(t, state.filter, state.hidden);
    return viewOf(t, mask, rowsOf(t, mask, state.collapsed));
  };
}
