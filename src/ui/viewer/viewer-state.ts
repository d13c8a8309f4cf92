// State of the two full-screen views opened from the file tree: the file viewer and a path's history.
// Both hold only positions and requests; the bytes and the history steps are derived (see the hooks).
import type { PathId } from '../../core/index.js';

export type ViewerMode = 'content' | 'diff';

export interface ViewerState {
  readonly path: PathId;
  /** The selected layer when the viewer opened: the version visible there is shown. */
  readonly layer: number;
  readonly mode: ViewerMode;
  /** Bumped on every (re)open: results of an older document's loads are ignored. */
  readonly generation: number;
  readonly top: number;
  readonly wrap: boolean;
  /** Lines known so far, and whether that is all of them (the document finds lines as it reads). */
  readonly lineCount: number;
  readonly complete: boolean;
  /** G was pressed before the end was known: go there once it is. */
  readonly wantBottom: boolean;
  readonly query: string;
  readonly searching: boolean;
  /** A search for the hook to run; seq tells its answer from a later one's. */
  readonly searchRequest?: { readonly query: string; readonly from: number; readonly direction: 1 | -1; readonly seq: number };
  readonly match: number;
  readonly message?: string;
  /** Seq of the last search answered: the viewer waits for an answer while searchRequest's seq differs. */
  readonly answeredSeq?: number;
  /** Keys that need what the viewer is waiting for (a match, the end of the file), kept in order until it comes. */
  readonly deferred?: readonly DeferredKey[];
}

/**
 * A key whose effect depends on an answer still being read: a move after a search or after G, a search
 * from a match not found yet. Kept with what it saw when pressed (its query), it runs when the answer
 * comes, so keys that arrive together end where the same keys typed slowly would.
 */
export type DeferredKey =
  | { readonly type: 'move'; readonly move: ViewerMove; readonly page: number }
  | { readonly type: 'search'; readonly query: string; readonly direction: 1 | -1; readonly again: boolean };

export type ViewerMove = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export type ViewerAction =
  | { readonly type: 'move'; readonly move: ViewerMove; readonly page: number }
  | { readonly type: 'toggleWrap' }
  | { readonly type: 'toggleDiff' }
  | { readonly type: 'openSearch' }
  | { readonly type: 'searchInput'; readonly text: string }
  | { readonly type: 'searchBackspace' }
  | { readonly type: 'searchCancel' }
  | { readonly type: 'searchSubmit' }
  | { readonly type: 'searchAgain'; readonly direction: 1 | -1 }
  /** From the document hook: what it knows now. */
  | {
      readonly type: 'loaded';
      readonly generation: number;
      readonly lineCount: number;
      readonly complete: boolean;
      readonly page: number;
      readonly message?: string;
    }
  /** From the document hook: a search is taking long enough to say so. */
  | { readonly type: 'slowSearch'; readonly generation: number; readonly seq: number }
  /** A search's answer, with what the document knows after it (one action: one frame). */
  | {
      readonly type: 'found';
      readonly generation: number;
      readonly seq: number;
      readonly line: number;
      readonly page: number;
      readonly message?: string;
      readonly lineCount?: number;
      readonly complete?: boolean;
    };

export interface HistoryState {
  readonly path: PathId;
  readonly cursor: number;
  /** Layer of each step (from the history the pane derives); undefined until the view has computed it. */
  readonly layers?: readonly number[];
}

export type HistoryAction =
  | { readonly type: 'move'; readonly move: ViewerMove; readonly page: number }
  | { readonly type: 'loaded'; readonly path: PathId; readonly layers: readonly number[] };

export function openedViewer(path: PathId, layer: number, previous: ViewerState | undefined): ViewerState {
  return {
    path,
    layer,
    mode: 'content',
    generation: (previous?.generation ?? 0) + 1,
    top: 0,
    wrap: previous?.wrap ?? false,
    lineCount: 0,
    complete: false,
    wantBottom: false,
    query: previous?.query ?? '',
    searching: false,
    match: -1,
  };
}
