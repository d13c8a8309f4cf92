// What a command does in the current state: a pure mapping to reducer actions. It needs the rows the
// tree pane shows (derived, never stored) to know what is under the cursor.
import type { FileTree } from '../core/index.js';
import { directoryPathIds, rowOfNode } from '../presentation/index.js';
import type { Command } from './keymap.js';
import type { Action, ExplorerState, Move } from './state.js';
import { treeContentActions } from './viewer/viewer-keys.js';
import { MOVES } from './moves.js';

export interface TreeContext {
  readonly tree: FileTree;
  /** Node indices of the visible rows, ascending. */
  readonly rows: Int32Array;
}

function moveActions(state: ExplorerState, move: Move, view: TreeContext): Action[] {
  switch (state.pane) {
    case 'layers':
      return [{ type: 'moveLayer', move }];
    case 'tree':
      return [{ type: 'moveTree', move, rowCount: view.rows.length }];
    case 'image':
      return [{ type: 'moveImage', move }];
  }
}

function cursorNode(state: ExplorerState, view: TreeContext): number | undefined {
  if (view.rows.length === 0) return undefined;
  return view.rows[Math.min(state.treeCursor, view.rows.length - 1)];
}

function horizontal(state: ExplorerState, view: TreeContext, right: boolean): Action[] {
  const node = cursorNode(state, view);
  if (node === undefined) return [];
  const { tree } = view;
  const pathId = tree.pathId[node]!;
  const isDir = tree.subtreeCount[node]! > 1;
  const folded = state.collapsed.has(pathId);
  if (right) return isDir && folded ? [{ type: 'setCollapsed', pathId, collapsed: false }] : [];
  if (isDir && !folded) return [{ type: 'setCollapsed', pathId, collapsed: true }];
  const parent = tree.parent[node]!;
  const row = parent >= 0 ? rowOfNode(view.rows, parent) : -1;
  return row >= 0 ? [{ type: 'setTreeCursor', row, rowCount: view.rows.length }] : [];
}

export function commandActions(command: Command, state: ExplorerState, view: TreeContext): Action[] {
  const move = MOVES[command];
  if (move) return moveActions(state, move, view);
  switch (command) {
    case 'quit':
      return [{ type: 'quit' }];
    case 'toggle-view':
      return [{ type: 'focusNext' }];
    case 'help':
      return [{ type: 'toggleHelp' }];
    case 'filter-files':
      return [{ type: 'openFilter' }];
    case 'close-filter-files':
      if (state.help) return [{ type: 'toggleHelp' }];
      return state.filter !== '' || state.filterEditing ? [{ type: 'filterClear' }] : [];
    case 'left':
      return horizontal(state, view, false);
    case 'right':
      return horizontal(state, view, true);
    case 'compare-layer':
      return [{ type: 'setCompare', mode: 'layer' }];
    case 'compare-all':
      return [{ type: 'setCompare', mode: 'aggregated' }];
    case 'toggle-collapse-dir': {
      const node = cursorNode(state, view);
      if (node === undefined || view.tree.subtreeCount[node]! <= 1) return [];
      return [{ type: 'toggleCollapsed', pathId: view.tree.pathId[node]! }];
    }
    case 'toggle-collapse-all-dir':
      return [{ type: 'toggleCollapseAll', directories: directoryPathIds(view.tree) }];
    case 'toggle-added-files':
      return [{ type: 'toggleHidden', kind: 'added' }];
    case 'toggle-removed-files':
      return [{ type: 'toggleHidden', kind: 'removed' }];
    case 'toggle-modified-files':
      return [{ type: 'toggleHidden', kind: 'modified' }];
    case 'toggle-unmodified-files':
      return [{ type: 'toggleHidden', kind: 'unchanged' }];
    case 'toggle-filetree-attributes':
      return [{ type: 'toggleAttributes' }];
    case 'toggle-sort-order':
      return [{ type: 'toggleOrder' }];
    case 'up':
    case 'down':
    case 'page-up':
    case 'page-down':
    case 'top':
    case 'bottom':
      return []; // handled by MOVES above
    case 'view-file':
    case 'extract-file':
    case 'file-history': {
      const node = cursorNode(state, view);
      return node === undefined ? [] : treeContentActions(command, view.tree, node);
    }
    case 'close-view':
    case 'search':
    case 'search-next':
    case 'search-prev':
    case 'toggle-wrap':
    case 'toggle-diff':
    case 'close-history':
    case 'jump-to-layer':
    case 'jump-to-file': // needs the image list's targets: resolved in key-reducer.ts
      return []; // the viewer and history views take their keys themselves (viewer/viewer-keys.ts)
  }
}
