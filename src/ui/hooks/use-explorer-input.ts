// The one input handler: filter typing and the help overlay first, then the keymap. It reads the
// latest state through a ref, so keys that arrive faster than frames still see the current rows.
import { useInput, type Key } from 'ink';
import { useRef, type Dispatch } from 'react';
import { commandActions, type TreeContext } from '../commands.js';
import { keySpecOf } from '../key-names.js';
import { lookup, type Keymap } from '../keymap.js';
import { reduce } from '../reducer.js';
import type { Action, ExplorerState } from '../state.js';

const NAVIGATION = new Set(['up', 'down', 'pgup', 'pgdn', 'tab']);

function filterKey(spec: string | undefined, input: string, key: Key): Action[] | undefined {
  if (spec === 'esc') return [{ type: 'filterClear' }];
  if (spec === 'enter') return [{ type: 'filterAccept' }];
  if (spec === 'backspace') return [{ type: 'filterBackspace' }];
  if (spec !== undefined && NAVIGATION.has(spec)) return undefined; // done typing: fall through to the keymap
  if (key.ctrl || key.meta) return [];
  // eslint-disable-next-line no-control-regex
  const text = input.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return text === '' ? [] : [{ type: 'filterInput', text }];
}

/** Actions for one key in the given state. */
export function actionsForKey(keymap: Keymap, state: ExplorerState, view: TreeContext, input: string, key: Key): Action[] {
  const spec = keySpecOf(input, key);
  if (spec === 'ctrl+c') return [{ type: 'quit' }];
  const prefix: Action[] = [];
  if (state.filterEditing) {
    const typed = filterKey(spec, input, key);
    if (typed !== undefined) return typed;
    prefix.push({ type: 'filterAccept' });
  }
  const command = spec === undefined ? undefined : lookup(keymap, spec, state.pane);
  if (state.help) {
    if (command === 'help' || command === 'close-filter-files') return [{ type: 'toggleHelp' }];
    return command === 'quit' ? [{ type: 'quit' }] : [];
  }
  return [...prefix, ...(command ? commandActions(command, state, view) : [])];
}

const PLAIN: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false,
  end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false,
  meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

export function useExplorerInput(keymap: Keymap, state: ExplorerState, view: TreeContext, dispatch: Dispatch<Action>): void {
  const latest = useRef({ state, view });
  latest.current = { state, view };
  useInput((input, key) => {
    let { state: now } = latest.current;
    const { view: rows } = latest.current;
    const chars = [...input];
    // Keys typed faster than the terminal delivers them arrive as one string ("jjj"): one key per char,
    // except while typing a filter, where the whole string is text.
    const keys: [string, Key][] = chars.length > 1 && !key.ctrl && !key.meta && !now.filterEditing
      ? chars.map((ch) => [ch, { ...PLAIN, shift: /[A-Z]/.test(ch) }])
      : [[input, key]];
    for (const [one, k] of keys) {
      for (const action of actionsForKey(keymap, now, rows, one, k)) {
        now = reduce(now, action);
        dispatch(action);
      }
    }
  });
}
