// The explorer's key table as lines of text: drawn by the `?` overlay (components/help-overlay.tsx) and
// printed by `layerscope help keys`. Kept apart from the overlay so that printing it, and the shell
// completion that loads the same command module, do not load Ink (830 kB of bundle to compile).
import { keyLabel, type Keymap, type Scope } from './keymap.js';

const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere',
  layers: 'Layers pane',
  tree: 'File tree pane',
  image: 'Image pane',
  viewer: 'File viewer',
  history: 'File history',
};

/** Gap between the overlay's columns. */
const GAP = 2;

/**
 * How the overlay shows `lines` in width × height, under its title
 * row: side by side in as many whole-width columns as fit; when those cannot hold them all, a page of
 * them from the first line shown, and a row below saying so (`maxTop` > 0: the keys scroll it).
 */
export function helpPages(lines: readonly string[], width: number, height: number) {
  // Key labels and descriptions are one column a character (ASCII, and the arrows).
  const widest = Math.max(...lines.map((l) => l.length));
  const perColumn = Math.max(1, height - 2);
  const fit = Math.max(1, Math.floor((width + GAP) / (widest + GAP)));
  const columns = Math.min(fit, Math.ceil(lines.length / perColumn));
  return {
    columns,
    perColumn,
    columnWidth: Math.floor(width / Math.max(1, columns)),
    maxTop: Math.max(0, lines.length - columns * perColumn),
  };
}

/** Every binding, grouped by where it works; in ASCII mode the arrow keys are named ('Up'), not drawn. */
export function helpLines(keymap: Keymap, ascii = false): string[] {
  const lines: string[] = [];
  for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
    const bindings = keymap.filter((b) => b.scope === scope);
    if (bindings.length === 0) continue;
    lines.push(`${SCOPE_TITLES[scope]}:`);
    for (const b of bindings) {
      const keys = b.keys.length > 0 ? b.keys.map((k) => keyLabel(k, ascii)).join(', ') : '(unbound)';
      lines.push(`  ${keys.padEnd(9)} ${b.help}`);
    }
  }
  lines.push('', 'Rebind keys under "keybinding:" in', '~/.config/layerscope/config.yaml');
  return lines;
}
