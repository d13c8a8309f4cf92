// The bottom line: the keys that matter in the focused pane, straight from the keymap.
import { Text } from 'ink';
import { keyLabel, type Keymap } from '../keymap.js';
import { PANE_ORDER, type Pane } from '../state.js';

export function hintText(keymap: Keymap, pane: Pane, filterEditing: boolean, ascii: boolean): string {
  if (filterEditing) return 'Type to filter  Enter Done  Esc Clear';
  const parts = keymap
    .filter((b) => b.hint && b.keys.length > 0 && (b.scope === 'global' || b.scope === pane))
    .map((b) => `${keyLabel(b.keys[0]!, ascii)} ${b.hint}`);
  return parts.join('  ');
}

/** The presses of the next-pane key that take the keyboard from `from` to `to` ('Tab Tab'); '' when none or unbound. */
export function focusKeys(keymap: Keymap, from: Pane, to: Pane, ascii: boolean): string {
  const key = keymap.find((b) => b.command === 'toggle-view')?.keys[0];
  const steps = (PANE_ORDER.indexOf(to) - PANE_ORDER.indexOf(from) + PANE_ORDER.length) % PANE_ORDER.length;
  return key === undefined ? '' : Array.from({ length: steps }, () => keyLabel(key, ascii)).join(' ');
}

export function KeyBar({ text, width }: { text: string; width: number }) {
  return (
    <Text wrap="truncate-end" inverse>
      {text.padEnd(width)}
    </Text>
  );
}
