// The explorer's keymap (with the user's bindings) as the diff explorer uses it: commands that act on
// one image's layers (compare modes, history, extract, the secret jump, the previous-version diff) are
// left out, so the key bar and the help overlay list only keys that do something here.
import type { Command, Keymap } from '../keymap.js';

const SINGLE_IMAGE: ReadonlySet<Command> = new Set<Command>([
  'compare-layer',
  'compare-all',
  'extract-file',
  'file-history',
  'jump-to-file',
  'toggle-diff',
  'close-history',
  'jump-to-layer',
  'toggle-unmodified-files',
]);

const HELP: Partial<Record<Command, { help: string; hint?: string }>> = {
  'view-file': { help: "A's and B's versions as a unified diff (an added or removed file: its contents)", hint: 'Diff' },
  'toggle-sort-order': { help: 'Sort by name / by bytes changed', hint: 'Sort' },
};

export function diffKeymap(keymap: Keymap): Keymap {
  return keymap.filter((b) => !SINGLE_IMAGE.has(b.command)).map((b) => (HELP[b.command] ? { ...b, ...HELP[b.command] } : b));
}
