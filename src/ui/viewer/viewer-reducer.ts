// Pure reducers of the viewer and the history view. The explorer's reducer hands them their actions
// (one branch each), so their rules live here, next to their state.
import { escapeName } from '../../presentation/index.js';
import type { DeferredKey, HistoryAction, HistoryState, ViewerAction, ViewerMove, ViewerState } from './viewer-state.js';

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
    case 'up':
      return at - 1;
    case 'down':
      return at + 1;
    case 'pageUp':
      return at - page;
    case 'pageDown':
      return at + page;
    case 'top':
      return 0;
    case 'bottom':
      return Number.MAX_SAFE_INTEGER - 1;
  }
}

function request(state: ViewerState, query: string, from: number, direction: 1 | -1): ViewerState {
  const seq = (state.searchRequest?.seq ?? 0) + 1;
  // No "searching…" yet: most answers come within a frame, and drawing that line first would cost one
  // more frame per n (the hook asks for it with slowSearch when an answer takes longer).
  return { ...state, message: undefined, searchRequest: { query, from, direction, seq } };
}

/** A search's answer or the end of the file (after G) is still to come: keys that need it wait. */
const waiting = (state: ViewerState): boolean =>
  state.wantBottom || (state.searchRequest !== undefined && state.searchRequest.seq !== state.answeredSeq);

function search(state: ViewerState, key: Extract<DeferredKey, { type: 'search' }>): ViewerState {
  if (key.query === '') return key.again ? { ...state, message: 'no search yet: / to search' } : state;
  const from = key.again ? (state.match >= 0 ? state.match : state.top) + key.direction : state.top;
  return request(state, key.query, from, key.direction);
}

function run(state: ViewerState, key: DeferredKey): ViewerState {
  if (waiting(state)) return { ...state, deferred: [...(state.deferred ?? []), key] };
  return key.type === 'search' ? search(state, key) : move(state, key.move, key.page);
}

/** The answer came: the keys that waited for it run in order (until one of them waits in turn). */
function resume(state: ViewerState): ViewerState {
  const keys = state.deferred;
  if (!keys) return state;
  return keys.reduce(run, { ...state, deferred: undefined });
}

function move(state: ViewerState, to: ViewerMove, page: number): ViewerState {
  if (to === 'bottom' && !state.complete) return { ...state, wantBottom: true, message: 'finding the end…' };
  const top = clamp(moved(state.top, to, page), 0, maxTop(state, page));
  return top === state.top && state.message === undefined ? state : { ...state, top, wantBottom: false, message: undefined };
}

export function reduceViewer(state: ViewerState, action: ViewerAction): ViewerState {
  switch (action.type) {
    case 'move':
      return run(state, { type: 'move', move: action.move, page: action.page });
    case 'toggleWrap':
      return { ...state, wrap: !state.wrap };
    case 'toggleDiff':
      // A new document at its top: what earlier keys were waiting for no longer matters.
      return {
        ...state,
        mode: state.mode === 'diff' ? 'content' : 'diff',
        generation: state.generation + 1,
        top: 0,
        lineCount: 0,
        complete: false,
        wantBottom: false,
        match: -1,
        searchRequest: undefined,
        deferred: undefined,
        message: undefined,
      };
    case 'openSearch':
      return { ...state, searching: true, query: '', message: undefined };
    case 'searchInput':
      return { ...state, query: state.query + action.text };
    case 'searchBackspace':
      return { ...state, query: [...state.query].slice(0, -1).join('') };
    case 'searchCancel':
      return { ...state, searching: false };
    case 'searchSubmit':
      return run({ ...state, searching: false }, { type: 'search', query: state.query, direction: 1, again: false });
    case 'searchAgain':
      return run(state, { type: 'search', query: state.query, direction: action.direction, again: true });
    case 'loaded': {
      if (action.generation !== state.generation) return state;
      if (action.lineCount === state.lineCount && action.complete === state.complete && !action.message && !state.wantBottom) return state;
      const next = {
        ...state,
        lineCount: action.lineCount,
        complete: action.complete,
        ...(action.message ? { message: action.message } : {}),
      };
      if (state.wantBottom && action.complete)
        return resume({ ...next, wantBottom: false, message: undefined, top: maxTop(next, action.page) });
      return { ...next, top: clamp(state.top, 0, maxTop(next, action.page)) };
    }
    case 'slowSearch': {
      const asked = state.searchRequest;
      if (action.generation !== state.generation || action.seq !== asked?.seq || !waiting(state)) return state;
      return { ...state, message: `searching for "${escapeName(asked.query)}"…` };
    }
    case 'found': {
      const asked = state.searchRequest;
      if (action.generation !== state.generation || action.seq !== asked?.seq) return state;
      const known = {
        ...state,
        answeredSeq: asked.seq,
        ...(action.lineCount === undefined ? {} : { lineCount: action.lineCount, complete: action.complete ?? state.complete }),
      };
      if (action.line < 0) {
        const where = asked.direction === 1 ? 'below' : 'above';
        return resume({ ...known, message: action.message ?? `"${escapeName(asked.query)}" not found ${where}` });
      }
      // The match goes a few lines below the top, so what leads up to it shows too.
      const top = clamp(action.line - 2, 0, maxTop(known, action.page));
      // The request stays (answered): its seq numbers the next one.
      return resume({ ...known, match: action.line, top, message: undefined });
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
      return action.path === state.path
        ? { ...state, layers: action.layers, cursor: clamp(state.cursor, 0, Math.max(0, action.layers.length - 1)) }
        : state;
  }
}
