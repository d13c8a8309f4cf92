// Everything the explorer remembers between keypresses. Nothing here is derived from the image
// except fixed counts given at start; trees and rows are computed from it with useMemo.
import type { CompareMode, DiffKind, PathId, TreeOrder } from '../core/index.js';
import type { KeyPress } from './key-names.js';
import type { HistoryAction, HistoryState, ViewerAction, ViewerState } from './viewer/viewer-state.js';

export type Pane = 'layers' | 'tree' | 'image';
export const PANE_ORDER: readonly Pane[] = ['layers', 'tree', 'image'];

export interface ExplorerState {
  readonly pane: Pane;
  /** Fixed per image: layers, rows of the layers pane (history steps included), inefficient files. */
  readonly layerCount: number;
  readonly layerRowCount: number;
  readonly inefficientCount: number;
  readonly selectedLayer: number;
  readonly compare: CompareMode;
  readonly order: TreeOrder;
  readonly attributes: boolean;
  /** Directories folded, by path id: survives switching layers. */
  readonly collapsed: ReadonlySet<PathId>;
  readonly hidden: ReadonlySet<DiffKind>;
  readonly filter: string;
  /** The filter line has the keyboard. */
  readonly filterEditing: boolean;
  readonly treeCursor: number;
  readonly treeTop: number;
  readonly imageTop: number;
  readonly columns: number;
  readonly rows: number;
  readonly help: boolean;
  /** The help overlay's first line, when its lines do not all fit. */
  readonly helpTop: number;
  readonly quit: boolean;
  /** The tree changed under the cursor: put it back on this file (cursor-anchor.ts), at this height. */
  readonly anchor?: { readonly pathId: PathId; readonly offset: number; readonly fromTop?: boolean } | undefined;
  // The file viewer, file history and extract (issue 10): absent until used.
  /** The CLI gave the explorer a way to read file bytes. */
  readonly contentAvailable?: boolean;
  readonly viewer?: ViewerState;
  readonly history?: HistoryState;
  /** An extraction for the explorer to run; seq tells one request from the next. */
  readonly extractRequest?: { readonly layer: number; readonly path: PathId; readonly seq: number };
  /** One line shown in place of the key hints until the next key. */
  readonly status?: string;
}

export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export type Action =
  | { readonly type: 'focusNext' }
  | { readonly type: 'focus'; readonly pane: Pane }
  | { readonly type: 'moveLayer'; readonly move: Move }
  | { readonly type: 'setCompare'; readonly mode: CompareMode }
  /** rowCount: rows the tree pane shows now (derived by the view). */
  | { readonly type: 'moveTree'; readonly move: Move; readonly rowCount: number }
  /** offset: where on the pane the cursor row should sit (rows below the top), when it matters. */
  | { readonly type: 'setTreeCursor'; readonly row: number; readonly rowCount: number; readonly offset?: number }
  | { readonly type: 'moveImage'; readonly move: Move }
  /** Show `path` as `layer` wrote it: that layer's changes, the tree focused, the cursor on the file. */
  | { readonly type: 'jumpToFile'; readonly layer: number; readonly path: PathId; readonly ancestors: readonly PathId[] }
  | { readonly type: 'setCollapsed'; readonly pathId: PathId; readonly collapsed: boolean }
  | { readonly type: 'toggleCollapsed'; readonly pathId: PathId }
  /** Folds every directory given, or unfolds all when some are folded already. */
  | { readonly type: 'toggleCollapseAll'; readonly directories: readonly PathId[] }
  | { readonly type: 'toggleHidden'; readonly kind: DiffKind }
  | { readonly type: 'toggleAttributes' }
  | { readonly type: 'toggleOrder' }
  | { readonly type: 'openFilter' }
  | { readonly type: 'filterInput'; readonly text: string }
  | { readonly type: 'filterBackspace' }
  | { readonly type: 'filterAccept' }
  | { readonly type: 'filterClear' }
  | { readonly type: 'resize'; readonly columns: number; readonly rows: number }
  | { readonly type: 'toggleHelp' }
  /** `lines`: the overlay's (help-lines.ts), which the keymap decides. */
  | { readonly type: 'moveHelp'; readonly move: Move; readonly lines: readonly string[] }
  | { readonly type: 'quit' }
  // The file viewer, file history and extract (issue 10).
  | { readonly type: 'openViewer'; readonly path: PathId; readonly kind: string; readonly linkTarget?: string }
  | { readonly type: 'closeViewer' }
  | { readonly type: 'viewer'; readonly action: ViewerAction }
  | { readonly type: 'openHistory'; readonly path: PathId }
  | { readonly type: 'closeHistory' }
  | { readonly type: 'history'; readonly action: HistoryAction }
  /** Enter in the history view: show that step's layer in the tree. */
  | { readonly type: 'historyJump' }
  | { readonly type: 'extract'; readonly path: PathId }
  | { readonly type: 'status'; readonly text: string | undefined };

/** What the explorer dispatches: a key as it came (resolved by the reducer), or an action itself. */
export type ExplorerEvent =
  | Action
  | { readonly type: 'key'; readonly press: KeyPress }
  /** The frame settled the cursor anchor with the new tree's rows: the state catches up. */
  | { readonly type: 'settleAnchor' };

export interface InitialCounts {
  readonly layerCount: number;
  readonly layerRowCount: number;
  readonly inefficientCount: number;
  readonly columns: number;
  readonly rows: number;
}

export function initialState(counts: InitialCounts): ExplorerState {
  return {
    pane: 'layers',
    ...counts,
    selectedLayer: 0,
    compare: 'layer',
    order: 'name',
    attributes: true,
    collapsed: new Set(),
    hidden: new Set(),
    filter: '',
    filterEditing: false,
    treeCursor: 0,
    treeTop: 0,
    imageTop: 0,
    help: false,
    helpTop: 0,
    quit: false,
  };
}
