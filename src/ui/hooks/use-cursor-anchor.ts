// The tree cursor follows its file across trees: switching layer, view mode or sort order keeps it on
// the same path (by path id) when that path is shown in the new tree, instead of on the same row number,
// and at the same height on screen, so flipping through layers does not make the file jump.
import { useEffect, useRef, type Dispatch } from 'react';
import { rowOfNode } from '../../presentation/index.js';
import type { Action, ExplorerState } from '../state.js';
import type { TreeView } from '../tree-views.js';

export function useCursorAnchor(view: TreeView, state: ExplorerState, dispatch: Dispatch<Action>): void {
  const last = useRef<{ tree: TreeView['tree']; pathId: number; offset: number } | undefined>(undefined);
  const row = Math.min(state.treeCursor, view.rows.length - 1);
  const pathId = row >= 0 ? view.tree.pathId[view.rows[row]!]! : -1;
  useEffect(() => {
    const before = last.current;
    if (before && before.tree !== view.tree && before.pathId >= 0) {
      const node = view.tree.indexOf(before.pathId);
      const at = node >= 0 ? rowOfNode(view.rows, node) : -1;
      if (at >= 0 && at !== state.treeCursor) {
        dispatch({ type: 'setTreeCursor', row: at, rowCount: view.rows.length, offset: before.offset });
        last.current = { tree: view.tree, pathId: before.pathId, offset: before.offset };
        return;
      }
    }
    last.current = { tree: view.tree, pathId, offset: state.treeCursor - state.treeTop };
  }, [view.tree, view.rows, pathId, state.treeCursor, state.treeTop, dispatch]);
}
