// The explorer's actions for the file viewer, file history and extract. The main reducer hands them
// over in one branch; viewer and history keep their own sub-reducers (viewer-reducer.ts).
import { escapeName } from '../../presentation/index.js';
import type { Action, ExplorerState } from '../state.js';
import { reduceHistory, reduceViewer } from './viewer-reducer.js';
import { openedViewer } from './viewer-state.js';

export type ContentAction = Extract<
  Action,
  {
    type: 'openViewer' | 'closeViewer' | 'viewer' | 'openHistory' | 'closeHistory' | 'history' | 'historyJump' | 'extract' | 'status';
  }
>;

const KIND_NAMES: Record<string, string> = {
  char: 'a character device',
  block: 'a block device',
  fifo: 'a named pipe',
  whiteout: 'a deletion marker',
  opaque: 'an opaque marker',
};

export function reduceContent(state: ExplorerState, action: ContentAction): ExplorerState {
  switch (action.type) {
    case 'openViewer': {
      if (action.kind === 'dir') return state;
      if (action.kind === 'symlink') {
        return { ...state, status: `→ ${escapeName(action.linkTarget ?? '')} (a symbolic link: not followed)` };
      }
      if (action.kind !== 'file' && action.kind !== 'hardlink')
        return { ...state, status: `${KIND_NAMES[action.kind] ?? action.kind}: no contents to show` };
      if (!state.contentAvailable) return { ...state, status: 'contents not available for this source' };
      return { ...state, status: undefined, viewer: openedViewer(action.path, state.selectedLayer, state.viewer) };
    }
    case 'closeViewer':
      return { ...state, viewer: undefined };
    case 'viewer': {
      // Unchanged sub-state, unchanged state: a load that found nothing new draws no frame.
      const viewer = state.viewer && reduceViewer(state.viewer, action.action);
      return viewer === state.viewer ? state : { ...state, viewer };
    }
    case 'openHistory':
      return { ...state, status: undefined, history: { path: action.path, cursor: 0 } };
    case 'closeHistory':
      return { ...state, history: undefined };
    case 'history': {
      const history = state.history && reduceHistory(state.history, action.action);
      return history === state.history ? state : { ...state, history };
    }
    case 'historyJump': {
      const layer = state.history?.layers?.[state.history.cursor];
      if (layer === undefined) return state;
      return { ...state, history: undefined, selectedLayer: Math.min(layer, state.layerCount - 1) };
    }
    case 'extract': {
      const seq = (state.extractRequest?.seq ?? 0) + 1;
      return { ...state, extractRequest: { layer: state.selectedLayer, path: action.path, seq }, status: 'extracting…' };
    }
    case 'status':
      return state.status === action.text ? state : { ...state, status: action.text };
  }
}
