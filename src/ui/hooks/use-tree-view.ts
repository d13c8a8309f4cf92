// Derived tree data, memoised step by step so a keypress recomputes only what it changed:
// tree (layer, mode, order) → full paths (only while filtering) → visibility mask → visible rows.
import { useMemo } from 'react';
import type { FileTree, ImageModel, TreeSource } from '../../core/index.js';
import { listVisibleRows, lowerCasePaths, visibilityMask } from '../../presentation/index.js';
import type { ExplorerState } from '../state.js';

export interface TreeView {
  readonly tree: FileTree;
  readonly mask: Uint8Array | null;
  readonly rows: Int32Array;
}

export function useTreeView(image: ImageModel, trees: TreeSource, state: ExplorerState): TreeView {
  const { selectedLayer, compare, order, filter, hidden, collapsed } = state;
  const tree = useMemo(() => trees.comparedTree(selectedLayer, compare, order), [trees, selectedLayer, compare, order]);
  const filtering = filter !== '';
  const fullPaths = useMemo(() => (filtering ? lowerCasePaths(tree, image.paths) : undefined), [tree, image.paths, filtering]);
  const mask = useMemo(() => visibilityMask(tree, fullPaths, filter, hidden), [tree, fullPaths, filter, hidden]);
  const rows = useMemo(() => listVisibleRows(tree, mask, collapsed), [tree, mask, collapsed]);
  return { tree, mask, rows };
}
