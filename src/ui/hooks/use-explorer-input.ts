// The one input handler: filter typing and the help overlay first, then the keymap. It reads the
// latest state through a ref, so keys that arrive faster than frames still see the current rows.
import { useInput } from 'ink';
import { useRef, type Dispatch } from 'react';
import { commandActions, type TreeContext } from '../commands.js';
import { keySpecOf, keySpecOfChar } from '../key-names.js';
import { lookup, type Keymap } from '../keymap.js';
import { reduce } from '../reducer.js';
import type { Action, ExplorerState } from '../state.js';
import { viewKeyActions } from '../viewer/viewer-keys.js';

const NAVIGATION = new Set(['up', 'down', 'pgup', 'pgdn', 'tab']);

/** One key: its spec for the keymap, and the text it types (empty for control keys). */
export interface KeyPress {
  readonly spec: string | undefined;
  readonly text: string;
}

function filterKey({ spec, text }: KeyPress): Action[] | undefined {
  if (spec === 'esc') return [{ type: 'filterClear' }];
  if (spec === 'enter') return [{ type: 'filterAccept' }];
  if (spec === 'backspace') return [{ type: 'filterBackspace' }];
  if (spec !== undefined && NAVIGATION.has(spec)) return undefined; // done typing: fall through to the keymap
  // eslint-disable-next-line no-control-regex
  const typed = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return typed === '' ? [] : [{ type: 'filterInput', text: typed }];
}

/** Actions for one key in the given state. */
export function actionsForKey(keymap: Keymap, state: ExplorerState, view: TreeContext, press: KeyPress): Action[] {
  const { spec } = press;
  if (spec === 'ctrl+c') return [{ type: 'quit' }];
  const prefix: Action[] = [];
  if (state.filterEditing) {
    const typed = filterKey(press);
    if (typed !== undefined) return typed;
    prefix.push({ type: 'filterAccept' });
  }
  const command = spec === undefined ? undefined : lookup(keymap, spec, state.pane);
  if (state.help) {
    if (command === 'help' || command === 'close-filter-files') return [{ type: 'toggleHelp' }];
    return command === 'quit' ? [{ type: 'quit' }] : [];
  }
  // A status line lasts until the next key.
  if (state.status !== undefined) prefix.push({ type: 'status', text: undefined });
  // The file viewer or file history, when open, has the keyboard.
  const inView = viewKeyActions(keymap, state, press);
  if (inView) return [...prefix, ...inView];
  return [...prefix, ...(command ? commandActions(command, state, view) : [])];
}

/** Keys typed faster than the terminal delivers them arrive as one string ("jjj"): one key per char. */
function splitPresses(input: string, single: KeyPress, typingFilter: boolean): KeyPress[] {
  const chars = [...input];
  if (chars.length <= 1 || single.spec !== undefined || input.includes('\x1b')) return [single];
  // eslint-disable-next-line no-control-regex
  if (typingFilter && !/[\r\n\t\x1b\x7f\b]/.test(input)) return [{ spec: undefined, text: input }];
  return chars.map((ch) => ({ spec: keySpecOfChar(ch), text: ch }));
}

export function useExplorerInput(keymap: Keymap, state: ExplorerState, view: TreeContext, dispatch: Dispatch<Action>): void {
  const latest = useRef({ state, view });
  latest.current = { state, view };
  useInput((input, key) => {
    let { state: now } = latest.current;
    const { view: rows } = latest.current;
    const single: KeyPress = { spec: keySpecOf(input, key), text: key.ctrl || key.meta ? '' : input };
    for (const press of splitPresses(input, single, now.filterEditing || now.viewer?.searching === true)) {
      for (const action of actionsForKey(keymap, now, rows, press)) {
        // Later keys of the same chunk must see this one's effect.
        now = reduce(now, action);
        dispatch(action);
      }
    }
  });
}
