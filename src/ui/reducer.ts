// The one pure reducer of explorer state. Scrolling keeps the cursor inside the page; page sizes come
// from the same layout function the view draws with, so they always agree.
import { helpPages } from './help-lines.js';
import { computeLayout, imagePageSize, treePageSize } from './layout.js';
import { PANE_ORDER, type Action, type ExplorerState, type Move } from './state.js';
import { reduceContent } from './viewer/content-reducer.js';

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

function target(at: number, move: Move, count: number, page: number): number {
  switch (move) {
    case 'up':
      return clamp(at - 1, 0, count - 1);
    case 'down':
      return clamp(at + 1, 0, count - 1);
    case 'pageUp':
      return clamp(at - page, 0, count - 1);
    case 'pageDown':
      return clamp(at + page, 0, count - 1);
    case 'top':
      return 0;
    case 'bottom':
      return Math.max(0, count - 1);
  }
}

/** Cursor and scroll offset with the cursor visible and no empty space after the last row. */
function scrolled(cursor: number, top: number, count: number, page: number): { cursor: number; top: number } {
  const c = clamp(cursor, 0, Math.max(0, count - 1));
  let t = top;
  if (c < t) t = c;
  if (c >= t + page) t = c - page + 1;
  return { cursor: c, top: clamp(t, 0, Math.max(0, count - page)) };
}

function treePage(state: ExplorerState): number {
  const layout = computeLayout(state.columns, state.rows, state.layerRowCount);
  return treePageSize(layout, state.filterEditing || state.filter !== '');
}

function toggled<T>(set: ReadonlySet<T>, item: T): Set<T> {
  const next = new Set(set);
  if (!next.delete(item)) next.add(item);
  return next;
}

/** After the tree changed shape (filter, hidden kinds): back to the top, where matches start. */
const treeReset = { treeCursor: 0, treeTop: 0 };

export function reduce(state: ExplorerState, action: Action): ExplorerState {
  switch (action.type) {
    case 'focusNext':
      return { ...state, pane: PANE_ORDER[(PANE_ORDER.indexOf(state.pane) + 1) % PANE_ORDER.length]! };
    case 'focus':
      return { ...state, pane: action.pane };
    case 'moveLayer': {
      const selectedLayer = target(state.selectedLayer, action.move, state.layerCount, 5);
      return selectedLayer === state.selectedLayer ? state : { ...state, selectedLayer };
    }
    case 'setCompare':
      return { ...state, compare: action.mode };
    case 'moveTree': {
      const page = treePage(state);
      const next = scrolled(target(state.treeCursor, action.move, action.rowCount, page), state.treeTop, action.rowCount, page);
      // Paging moves the window too, like a pager, not just the cursor.
      if (action.move === 'pageDown' || action.move === 'pageUp') {
        const delta = next.cursor - state.treeCursor;
        const top = clamp(state.treeTop + delta, 0, Math.max(0, action.rowCount - page));
        return { ...state, ...{ treeCursor: next.cursor, treeTop: scrolled(next.cursor, top, action.rowCount, page).top } };
      }
      return { ...state, treeCursor: next.cursor, treeTop: next.top };
    }
    case 'setTreeCursor': {
      const page = treePage(state);
      const top = action.offset === undefined ? state.treeTop : clamp(action.row - action.offset, 0, Math.max(0, action.rowCount - page));
      const next = scrolled(action.row, top, action.rowCount, page);
      return { ...state, treeCursor: next.cursor, treeTop: next.top };
    }
    case 'jumpToFile': {
      // Nothing may hide the file: no filter, no hidden kinds, its directories unfolded.
      const collapsed = new Set(state.collapsed);
      for (const dir of action.ancestors) collapsed.delete(dir);
      return {
        ...state,
        pane: 'tree',
        selectedLayer: Math.min(action.layer, state.layerCount - 1),
        compare: 'layer',
        filter: '',
        filterEditing: false,
        hidden: new Set(),
        collapsed,
        anchor: { pathId: action.path, offset: 0 },
      };
    }
    case 'moveImage': {
      const page = imagePageSize(computeLayout(state.columns, state.rows, state.layerRowCount), state.inefficientCount);
      // Any line can come to the top (where Enter acts on a secret's line), even in a list that fits.
      const maxTop = Math.max(0, state.inefficientCount - 1);
      const imageTop = clamp(target(state.imageTop, action.move, maxTop + 1, page), 0, maxTop);
      return { ...state, imageTop };
    }
    case 'setCollapsed': {
      if (state.collapsed.has(action.pathId) === action.collapsed) return state;
      return { ...state, collapsed: toggled(state.collapsed, action.pathId) };
    }
    case 'toggleCollapsed':
      return { ...state, collapsed: toggled(state.collapsed, action.pathId) };
    case 'toggleCollapseAll':
      return { ...state, ...treeReset, collapsed: state.collapsed.size > 0 ? new Set() : new Set(action.directories) };
    case 'toggleHidden':
      return { ...state, ...treeReset, hidden: toggled(state.hidden, action.kind) };
    case 'toggleAttributes':
      return { ...state, attributes: !state.attributes };
    case 'toggleOrder':
      return { ...state, ...treeReset, order: state.order === 'name' ? 'size' : 'name' };
    case 'openFilter':
      return { ...state, pane: 'tree', filterEditing: true };
    case 'filterInput':
      return { ...state, ...treeReset, filter: state.filter + action.text };
    case 'filterBackspace':
      return { ...state, ...treeReset, filter: [...state.filter].slice(0, -1).join('') };
    case 'filterAccept':
      return { ...state, filterEditing: false };
    case 'filterClear':
      return { ...state, ...treeReset, filter: '', filterEditing: false };
    case 'resize': {
      const resized = { ...state, columns: action.columns, rows: action.rows };
      // Keep the cursor on screen when the pane got shorter.
      const page = treePage(resized);
      const treeTop = resized.treeCursor >= resized.treeTop + page ? resized.treeCursor - page + 1 : resized.treeTop;
      return { ...resized, treeTop };
    }
    case 'toggleHelp':
      return { ...state, help: !state.help, helpTop: 0 };
    case 'moveHelp': {
      const body = computeLayout(state.columns, state.rows, state.layerRowCount).rows - 1;
      const { maxTop, perColumn } = helpPages(action.lines, state.columns, body);
      return { ...state, helpTop: clamp(target(state.helpTop, action.move, maxTop + 1, perColumn), 0, maxTop) };
    }
    case 'quit':
      return { ...state, quit: true };
    // File viewer, file history, extract: their own reducer.
    case 'openViewer':
    case 'closeViewer':
    case 'viewer':
    case 'openHistory':
    case 'closeHistory':
    case 'history':
    case 'historyJump':
    case 'extract':
    case 'status':
      return reduceContent(state, action);
  }
}
