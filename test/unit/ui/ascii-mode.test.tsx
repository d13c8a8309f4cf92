// A terminal that is not UTF-8 gets ASCII only: Ink's cut rows end in '...' (patches/cli-truncate, set by
// ui/truncation.ts), and the UI's own titles, messages and help keep to ASCII too. A file of its own:
// Ink keeps every cut row in a module-level cache keyed by text and width, so rows an earlier explorer
// of the same process cut with '…' would come back from it (one process draws one kind of terminal).
import { cleanup } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { renderExplorer } from './harness.js';

afterEach(() => cleanup());

test('ASCII mode draws nothing but ASCII, cut rows and the help included', async () => {
  const r = renderExplorer({ ascii: true }, { columns: 60, rows: 20 });
  let f = await r.waitForFrame((fr) => fr.includes('Layers 1/3'));
  expect(f, f).toMatch(/^[ -~\n]*$/);
  expect(f).toContain('...'); // the key bar and the image details, cut
  f = await r.press('?', (fr) => fr.includes('Keys (?'));
  expect(f).toContain('lines 1-17 of 44');
  // Only the key labels' arrows are not ASCII (the keymap's own names for the arrow keys).
  expect(f.replace(/[↑↓←→]/g, '')).toMatch(/^[ -~\n]*$/);
});
