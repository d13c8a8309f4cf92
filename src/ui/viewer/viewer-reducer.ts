// Pure reducers of the viewer and the history view. The explorer's reducer hands them their actions
// (one branch each), so their rules live here, next to their state.
import { escapeName } from '../../presentation/index.js';
import type { HistoryAction, HistoryState, ViewerAction, ViewerMove, ViewerState } from './viewer-state.js';

const clamp = (n: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, n));

/**
 * Highest first line: the last page once all lines are known. Before that a move is not held back
 * (the document reads on to wherever it lands, and keys pressed before the first load are not lost).
 */
function maxTop(state: ViewerState, page: number): number {
  return state.complete ? Math.max(0, state.lineCount - page) : Number.MAX_SAFE_INTEGER;
}

function moved(at: number, move: ViewerMove, page: number): number {
  switch (move) {
    case 'up': return at - 1;
    case 'down': return at + 1;
    case 'pageUp': return at - page;
    case 'pageDown': return at + page;
    case 'top': return 0;
    case 'bottom': return Number.MAX_SAFE_INTEGER - 1;
  }
}

function request(state: ViewerState, from: number, direction: 1 | -1): ViewerState {
  if (state.query === '') return state;
  const seq = (state.searchRequest?.seq ?? 0) + 1;
  return { ...state, searching: false, message: `searching for "${escapeName(state.query)}"…`, searchRequest: { query: state.query, from, direction, seq } };
}

export function reduceViewer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case 'move': {
      if (action.move === 'bottom' && !state.complete) return { ...state, wantBottom: true, message: 'finding the end…' };
      const top = clamp(moved(state.top, action.move, action.page), 0, maxTop(state, action.page));
      return top === state.top && state.message === undefined ? state : { ...state, top, wantBottom: false, message: undefined };
    }
    case 'toggleWrap':
      return { ...state, wrap: !state.wrap };
    case 'toggleDiff':
      return { ...state, mode: state.mode === 'diff' ? 'content' : 'diff', generation: state.generation + 1, top: 0, lineCount: 0,
        complete: false, wantBottom: false, match: -1, searchRequest: undefined, message: undefined };
    case 'openSearch':
      return { ...state, searching: true, query: '', message: undefined };
    case 'searchInput':
      return { ...state, query: state.query + action.text };
    case 'searchBackspace':
      return { ...state, query: [...state.query].slice(0, -1).join('') };
    case 'searchCancel':
      return { ...state, searching: false };
    case 'searchSubmit':
      return request({ ...state, searching: false }, state.top, 1);
    case 'searchAgain':
      if (state.query === '') return { ...state, message: 'no search yet: / to search' };
      return request(state, (state.match >= 0 ? state.match : state.top) + action.direction, action.direction);
    case 'loaded': {
      if (action.generation !== state.generation) return state;
      if (action.lineCount === state.lineCount && action.complete === state.complete && !action.message && !state.wantBottom) return state;
      const next = { ...state, lineCount: action.lineCount, complete: action.complete, ...(action.message ? { message: action.message } : {}) };
      if (state.wantBottom && action.complete) return { ...next, wantBottom: false, message: undefined, top: maxTop(next, action.page) };
      return { ...next, top: clamp(state.top, 0, maxTop(next, action.page)) };
    }
    case 'found': {
      const asked = state.searchRequest;
      if (action.generation !== state.generation || action.seq !== asked?.seq) return state;
      const known = action.lineCount === undefined ? state : { ...state, lineCount: action.lineCount, complete: action.complete ?? state.complete };
      if (action.line < 0) {
        const where = asked.direction === 1 ? 'below' : 'above';
        return { ...known, message: action.message ?? `"${escapeName(state.query)}" not found ${where}` };
      }
      // The match goes a few lines below the top, so what leads up to it shows too.
      const top = clamp(action.line - 2, 0, maxTop(known, action.page));
      // The request stays (answered): its seq numbers the next one.
      return { ...known, match: action.line, top, message: undefined };
    }
  }
}

export function reduceHistory(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case 'move': {
      // Steps not known yet (the view has not drawn once): move freely, the load clamps.
      const last = state.layers ? Math.max(0, state.layers.length - 1) : Number.MAX_SAFE_INTEGER;
      const cursor = clamp(moved(state.cursor, action.move, action.page), 0, last);
      return cursor === state.cursor ? state : { ...state, cursor };
    }
    case 'loaded':
      return action.path === state.path ? { ...state, layers: action.layers, cursor: clamp(state.cursor, 0, Math.max(0, action.layers.length - 1)) } : state;
  }
}
