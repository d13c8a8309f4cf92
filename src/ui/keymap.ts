// Keys as data: one table says which key runs which command in which pane, and the help overlay, the
// key-hint bar and the config file all read the same table. Command names are dive's, so a dive
// `keybinding:` section mostly carries over.
import { LayerscopeError } from '../core/index.js';
import type { Pane } from './state.js';

export type Command =
  | 'quit'
  | 'toggle-view'
  | 'help'
  | 'filter-files'
  | 'close-filter-files'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'page-up'
  | 'page-down'
  | 'top'
  | 'bottom'
  | 'compare-layer'
  | 'compare-all'
  | 'toggle-collapse-dir'
  | 'toggle-collapse-all-dir'
  | 'toggle-added-files'
  | 'toggle-removed-files'
  | 'toggle-modified-files'
  | 'toggle-unmodified-files'
  | 'toggle-filetree-attributes'
  | 'toggle-sort-order'
  // File contents (issue 10): from the tree, and inside the viewer and the history view.
  | 'view-file'
  | 'extract-file'
  | 'file-history'
  // Secrets (issue 13): from the image pane's list to the file at the layer that wrote it.
  | 'jump-to-file'
  | 'close-view'
  | 'search'
  | 'search-next'
  | 'search-prev'
  | 'toggle-wrap'
  | 'toggle-diff'
  | 'close-history'
  | 'jump-to-layer';

/**
 * 'global' bindings work in every pane; a pane binding wins over a global one for the same key.
 * 'viewer' and 'history' are the full-screen views opened from the tree.
 */
export type Scope = 'global' | Pane | 'viewer' | 'history';

export interface Binding {
  readonly command: Command;
  readonly scope: Scope;
  readonly keys: readonly string[];
  readonly help: string;
  /** Short label for the key-hint bar; commands without one appear only in the help overlay. */
  readonly hint?: string;
}

export type Keymap = readonly Binding[];

// Ctrl+M is Enter in every terminal (both send \r), so dive's show/hide-modified key cannot work:
// it is Ctrl+N here, the key next to M. Ctrl+A means "aggregated" in the layers pane and "added" in
// the tree pane, as in dive.
export const DEFAULT_KEYMAP: Keymap = [
  { command: 'quit', scope: 'global', keys: ['q', 'ctrl+c'], help: 'Quit', hint: 'Quit' },
  { command: 'toggle-view', scope: 'global', keys: ['tab'], help: 'Next pane', hint: 'Switch' },
  { command: 'filter-files', scope: 'global', keys: ['ctrl+f', '/'], help: 'Filter by path', hint: 'Filter' },
  { command: 'close-filter-files', scope: 'global', keys: ['esc'], help: 'Clear filter / close help' },
  { command: 'help', scope: 'global', keys: ['?'], help: 'This help', hint: 'Help' },
  { command: 'up', scope: 'global', keys: ['up', 'k'], help: 'Up' },
  { command: 'down', scope: 'global', keys: ['down', 'j'], help: 'Down' },
  { command: 'left', scope: 'tree', keys: ['left', 'h'], help: 'Fold dir / go to parent' },
  { command: 'right', scope: 'tree', keys: ['right', 'l'], help: 'Unfold dir' },
  { command: 'page-up', scope: 'global', keys: ['pgup'], help: 'Page up' },
  { command: 'page-down', scope: 'global', keys: ['pgdn'], help: 'Page down' },
  { command: 'top', scope: 'global', keys: ['g', 'home'], help: 'Top' },
  { command: 'bottom', scope: 'global', keys: ['G', 'end'], help: 'Bottom' },
  { command: 'compare-layer', scope: 'layers', keys: ['ctrl+l'], help: 'Changes of this layer', hint: 'Layer changes' },
  { command: 'compare-all', scope: 'layers', keys: ['ctrl+a'], help: 'Changes up to this layer', hint: 'Aggregated' },
  { command: 'view-file', scope: 'tree', keys: ['enter'], help: 'View the file at this layer', hint: 'View' },
  { command: 'extract-file', scope: 'tree', keys: ['x'], help: 'Extract to current dir', hint: 'Extract' },
  { command: 'file-history', scope: 'tree', keys: ['H'], help: 'Layers that touched it', hint: 'History' },
  { command: 'toggle-collapse-dir', scope: 'tree', keys: ['space'], help: 'Fold / unfold dir', hint: 'Fold' },
  { command: 'toggle-collapse-all-dir', scope: 'tree', keys: ['ctrl+space'], help: 'Fold / unfold all', hint: 'Fold all' },
  { command: 'toggle-added-files', scope: 'tree', keys: ['ctrl+a'], help: 'Show/hide added', hint: 'Added' },
  { command: 'toggle-removed-files', scope: 'tree', keys: ['ctrl+r'], help: 'Show/hide removed', hint: 'Removed' },
  { command: 'toggle-modified-files', scope: 'tree', keys: ['ctrl+n'], help: 'Show/hide modified (not ^M: Enter)', hint: 'Modified' },
  { command: 'toggle-unmodified-files', scope: 'tree', keys: ['ctrl+u'], help: 'Show/hide unmodified', hint: 'Unmodified' },
  { command: 'toggle-filetree-attributes', scope: 'tree', keys: ['ctrl+b'], help: 'Show/hide attributes', hint: 'Attributes' },
  { command: 'toggle-sort-order', scope: 'tree', keys: ['ctrl+o'], help: 'Sort by name/size', hint: 'Sort' },
  {
    command: 'jump-to-file',
    scope: 'image',
    keys: ['enter'],
    help: 'Go to the file on the top line (a secret) at its layer',
    hint: 'Go to file',
  },
  { command: 'close-view', scope: 'viewer', keys: ['esc'], help: 'Back to the tree', hint: 'Back' },
  { command: 'search', scope: 'viewer', keys: ['/'], help: 'Search (case-insensitive)', hint: 'Search' },
  { command: 'search-next', scope: 'viewer', keys: ['n'], help: 'Next match', hint: 'Next' },
  { command: 'search-prev', scope: 'viewer', keys: ['N'], help: 'Previous match', hint: 'Prev' },
  { command: 'toggle-wrap', scope: 'viewer', keys: ['w'], help: 'Wrap long lines on/off', hint: 'Wrap' },
  { command: 'toggle-diff', scope: 'viewer', keys: ['d'], help: 'Diff with previous version', hint: 'Diff' },
  { command: 'close-history', scope: 'history', keys: ['esc'], help: 'Back to the tree', hint: 'Back' },
  { command: 'jump-to-layer', scope: 'history', keys: ['enter'], help: 'Show that layer', hint: 'Go to layer' },
];

const NAMED = new Set([
  'tab',
  'shift+tab',
  'esc',
  'enter',
  'space',
  'up',
  'down',
  'left',
  'right',
  'pgup',
  'pgdn',
  'home',
  'end',
  'backspace',
  'delete',
]);
const ALIASES: Record<string, string> = {
  escape: 'esc',
  return: 'enter',
  pageup: 'pgup',
  pagedown: 'pgdn',
  'ctrl+@': 'ctrl+space',
  spacebar: 'space',
};

/** Canonical spelling of a key spec from a config file ('Ctrl+F' → 'ctrl+f'), or undefined if unknown. */
export function normaliseKeySpec(spec: string): string | undefined {
  const trimmed = spec.trim();
  if ([...trimmed].length === 1 && trimmed !== ' ') return trimmed; // a printable character, case kept (g vs G)
  const lower = trimmed.toLowerCase().replace(/\s+/g, '');
  const key = ALIASES[lower] ?? lower;
  if (NAMED.has(key)) return key;
  const ctrl = /^ctrl\+([a-z]|space)$/.exec(key);
  // Ctrl+M, Ctrl+I and Ctrl+H are Enter, Tab and Backspace on the wire: refuse them rather than never fire.
  if (ctrl && !['m', 'i', 'h'].includes(ctrl[1]!)) return key;
  return undefined;
}

// The arrow keys' labels in ASCII mode: a terminal that is not UTF-8 cannot draw ↑ ↓ ← →.
const ASCII_ARROWS: Record<string, string> = { up: 'Up', down: 'Down', left: 'Left', right: 'Right' };

/** Human label for a key spec: 'ctrl+f' → '^F', 'pgdn' → 'PgDn', 'up' → '↑' ('Up' in ASCII mode). */
export function keyLabel(spec: string, ascii = false): string {
  if (ascii && ASCII_ARROWS[spec]) return ASCII_ARROWS[spec];
  const labels: Record<string, string> = {
    pgup: 'PgUp',
    pgdn: 'PgDn',
    esc: 'Esc',
    tab: 'Tab',
    space: 'Space',
    enter: 'Enter',
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    home: 'Home',
    end: 'End',
    'ctrl+space': '^Space',
  };
  if (labels[spec]) return labels[spec];
  if (spec.startsWith('ctrl+')) return `^${spec.slice(5).toUpperCase()}`;
  return spec;
}

/** The binding a key runs in a pane (or view): the pane's own first, then a global one. */
export function lookup(keymap: Keymap, key: string, pane: Exclude<Scope, 'global'>): Command | undefined {
  const own = keymap.find((b) => b.scope === pane && b.keys.includes(key));
  if (own) return own.command;
  return keymap.find((b) => b.scope === 'global' && b.keys.includes(key))?.command;
}

const COMMANDS = new Set<string>(DEFAULT_KEYMAP.map((b) => b.command));

/**
 * The keymap with a config file's `keybinding:` section applied: each entry replaces the keys of that
 * command, and takes those keys from other commands' defaults where they would collide (see below).
 * Values are "ctrl+f, /" strings or lists. Anything unknown is a config error naming the key.
 */
export function applyKeyOverrides(keymap: Keymap, section: unknown, source: string): Keymap {
  if (section === undefined || section === null) return keymap;
  if (typeof section !== 'object' || Array.isArray(section)) {
    throw new LayerscopeError(
      'config',
      `${source}: "keybinding" must be a mapping of command: keys`,
      'e.g. keybinding:\n  quit: q, ctrl+c',
    );
  }
  const overrides = new Map<string, string[]>();
  for (const [command, value] of Object.entries(section as Record<string, unknown>)) {
    if (!COMMANDS.has(command)) {
      throw new LayerscopeError('config', `${source}: unknown keybinding "${command}"`, `known: ${[...COMMANDS].join(', ')}`);
    }
    const specs = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
    if (!specs || specs.length === 0 || specs.some((s) => typeof s !== 'string')) {
      throw new LayerscopeError('config', `${source}: keybinding "${command}" must be a key or a list of keys`, 'e.g. "ctrl+f, /"');
    }
    const keys = (specs as string[]).map((spec) => {
      const key = normaliseKeySpec(spec);
      if (!key) {
        throw new LayerscopeError(
          'config',
          `${source}: keybinding "${command}" has an unknown key "${spec.trim()}"`,
          'use a single character, ctrl+<letter>, ctrl+space, tab, esc, enter, space, arrows, pgup, pgdn, home or end (ctrl+m/i/h are Enter/Tab/Backspace)',
        );
      }
      return key;
    });
    overrides.set(command, keys);
  }
  // A key the user binds is taken from the defaults it would collide with, so it does what they bound it
  // to: binding quit (global) to x must not leave the tree's x extracting. A pane or view binding only
  // collides within its own scope (binding x in the history view leaves the tree's x alone), and a
  // global default shadowed there by a pane binding still works in the other panes.
  const claimed = [...overrides].flatMap(([command, keys]) => {
    const scope = keymap.find((b) => b.command === command)?.scope;
    return keys.map((key) => ({ key, scope }));
  });
  const taken = (b: Binding, key: string): boolean => claimed.some((c) => c.key === key && (c.scope === 'global' || c.scope === b.scope));
  return keymap.map((b) => {
    if (overrides.has(b.command)) return { ...b, keys: overrides.get(b.command)! };
    return b.keys.some((k) => taken(b, k)) ? { ...b, keys: b.keys.filter((k) => !taken(b, k)) } : b;
  });
}
