// Keys of the viewer and the history view, and the tree commands that open them. While one of the
// views is open it has the keyboard: its own bindings first, then the global movement keys.
import type { FileTree } from '../../core/index.js';
import type { KeyPress } from '../key-names.js';
import { keyLabel, lookup, type Keymap } from '../keymap.js';
import type { Action, ExplorerState } from '../state.js';
import { MOVES } from '../moves.js';

/** Rows of the viewer's text: the screen minus the key bar, the title and the status line. */
export const viewerPageSize = (rows: number): number => Math.max(1, rows - 3);
/** Rows of the history list: the screen minus the key bar, the title and the column header. */
export const historyPageSize = (rows: number): number => Math.max(1, rows - 3);

/** Enter, x and H on the tree row `node`. */
export function treeContentActions(command: 'view-file' | 'extract-file' | 'file-history', tree: FileTree, node: number): Action[] {
  const path = tree.pathId[node]!;
  const entry = tree.entry[node];
  switch (command) {
    case 'view-file':
      return entry
        ? [{ type: 'openViewer', path, kind: entry.kind, ...(entry.linkTarget !== undefined ? { linkTarget: entry.linkTarget } : {}) }]
        : [];
    case 'extract-file':
      return [{ type: 'extract', path }];
    case 'file-history':
      return [{ type: 'openHistory', path }];
  }
}

function searchTyping({ spec, text }: KeyPress): Action[] {
  if (spec === 'esc') return [{ type: 'viewer', action: { type: 'searchCancel' } }];
  if (spec === 'enter') return [{ type: 'viewer', action: { type: 'searchSubmit' } }];
  if (spec === 'backspace') return [{ type: 'viewer', action: { type: 'searchBackspace' } }];
  // eslint-disable-next-line no-control-regex
  const typed = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return typed === '' ? [] : [{ type: 'viewer', action: { type: 'searchInput', text: typed } }];
}

/** Actions for a key while the viewer or the history view is open (undefined when neither is). */
export function viewKeyActions(keymap: Keymap, state: ExplorerState, press: KeyPress): Action[] | undefined {
  if (state.viewer) {
    if (state.viewer.searching) return searchTyping(press);
    const command = press.spec === undefined ? undefined : lookup(keymap, press.spec, 'viewer');
    const page = viewerPageSize(state.rows);
    const move = command && MOVES[command];
    if (move) return [{ type: 'viewer', action: { type: 'move', move, page } }];
    switch (command) {
      case 'close-view':
        return [{ type: 'closeViewer' }];
      case 'search':
      case 'filter-files':
        return [{ type: 'viewer', action: { type: 'openSearch' } }];
      case 'search-next':
        return [{ type: 'viewer', action: { type: 'searchAgain', direction: 1 } }];
      case 'search-prev':
        return [{ type: 'viewer', action: { type: 'searchAgain', direction: -1 } }];
      case 'toggle-wrap':
        return [{ type: 'viewer', action: { type: 'toggleWrap' } }];
      case 'toggle-diff':
        return [{ type: 'viewer', action: { type: 'toggleDiff' } }];
      case 'quit':
        return [{ type: 'quit' }];
      case 'help':
        return [{ type: 'toggleHelp' }];
      default:
        return [];
    }
  }
  if (state.history) {
    const command = press.spec === undefined ? undefined : lookup(keymap, press.spec, 'history');
    const move = command && MOVES[command];
    if (move) return [{ type: 'history', action: { type: 'move', move, page: historyPageSize(state.rows) } }];
    switch (command) {
      case 'close-history':
        return [{ type: 'closeHistory' }];
      case 'jump-to-layer':
        return [{ type: 'historyJump' }];
      case 'quit':
        return [{ type: 'quit' }];
      case 'help':
        return [{ type: 'toggleHelp' }];
      default:
        return [];
    }
  }
  return undefined;
}

/** The key bar while a view is open: its own hinted keys, then quit and help. */
export function viewHints(keymap: Keymap, scope: 'viewer' | 'history', searching: boolean, ascii: boolean): string {
  if (searching) return 'Type to search  Enter Find  Esc Cancel';
  return keymap
    .filter((b) => b.hint && b.keys.length > 0 && (b.scope === scope || b.command === 'quit' || b.command === 'help'))
    .map((b) => `${keyLabel(b.keys[0]!, ascii)} ${b.hint}`)
    .join('  ');
}
