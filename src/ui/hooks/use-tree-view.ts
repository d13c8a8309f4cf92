// Derived tree data, memoised step by step so a keypress recomputes only what it changed:
// tree (layer, mode, order) → full paths (only while filtering) → visibility mask → visible rows.
import { useMemo, useRef } from 'react';
import type { FileTree, ImageModel, TreeSource } from '../../core/index.js';
import { listVisibleRows, lowerCasePaths, visibilityMask } from '../../presentation/index.js';
import type { ExplorerState } from '../state.js';

export interface TreeView {
  readonly tree: FileTree;
  /** The selected layer's own tree: which directories it made opaque. */
  readonly layerTree: FileTree;
  readonly mask: Uint8Array | null;
  readonly rows: Int32Array;
}

export function useTreeView(image: ImageModel, trees: TreeSource, state: ExplorerState): TreeView {
  const { selectedLayer, compare, order, filter, hidden, collapsed } = state;
  const tree = useMemo(() => trees.comparedTree(selectedLayer, compare, order), [trees, selectedLayer, compare, order]);
  const layerTree = useMemo(() => trees.layerTree(selectedLayer), [trees, selectedLayer]);
  // Full paths cost one pass over the tree: made when filtering first needs them, kept per tree after
  // (clearing the filter and typing again must not pay twice).
  const pathCache = useRef(new WeakMap<FileTree, string[]>());
  const filtering = filter !== '';
  const fullPaths = useMemo(() => {
    if (!filtering) return undefined;
    let known = pathCache.current.get(tree);
    if (!known) pathCache.current.set(tree, (known = lowerCasePaths(tree, image.paths)));
    return known;
  }, [tree, image.paths, filtering]);
  const mask = useMemo(() => visibilityMask(tree, fullPaths, filter, hidden), [tree, fullPaths, filter, hidden]);
  const rows = useMemo(() => listVisibleRows(tree, mask, collapsed), [tree, mask, collapsed]);
  return { tree, layerTree, mask, rows };
}
