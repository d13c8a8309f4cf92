// A terminal that is not UTF-8 gets ASCII only: Ink's cut rows end in '...' (patches/cli-truncate, set by
// ui/truncation.ts), and the UI's own titles, messages, help and picker keep to ASCII too. A file of its
// own: Ink keeps every cut row in a module-level cache keyed by text and width, so rows an earlier
// explorer of the same process cut with '…' would come back from it (one process draws one kind of terminal).
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test } from 'vitest';
import { Picker } from '../../../src/ui/picker/picker.js';
import { KEYS, renderExplorer } from './harness.js';

afterEach(() => cleanup());

const ASCII_ONLY = /^[ -~\n]*$/;
// eslint-disable-next-line no-control-regex
const plain = (frame: string): string => frame.replace(/\x1b\[[0-9;]*m/g, '');

test('ASCII mode draws nothing but ASCII, cut rows and the help included', async () => {
  const r = renderExplorer({ ascii: true }, { columns: 60, rows: 20 });
  let f = await r.waitForFrame((fr) => fr.includes('Layers 1/3'));
  expect(f, f).toMatch(ASCII_ONLY);
  expect(f).toContain('...'); // the key bar and the image details, cut
  f = await r.press('?', (fr) => fr.includes('Keys (?'));
  // 44 lines, 17 a page: PgDn shows 18-34, then the last page 28-44 (the top stops at 44 - 17).
  expect(f).toContain('lines 1-17 of 44');
  expect(f, f).toMatch(ASCII_ONLY);
  // The arrow keys by name (the keymap binds up/down everywhere, left/right in the tree pane).
  expect(f).toMatch(/^ {2}Up, k {5}Up/m);
  expect(f).toMatch(/^ {2}Down, j {3}Down/m);
  expect(f).toMatch(/^ {2}Left, h {3}Fold dir/m);
  f = await r.press(KEYS.pgdn, (fr) => fr.includes('lines 18-34 of 44'));
  expect(f, f).toMatch(ASCII_ONLY);
  expect(f).toMatch(/^ {2}Right, l {2}Unfold dir/m);
  f = await r.press(KEYS.pgdn, (fr) => fr.includes('lines 28-44 of 44'));
  expect(f, f).toMatch(ASCII_ONLY);
});

test('the image picker in ASCII mode: its mark, cut names and key hints are ASCII', async () => {
  const long = 'registry.example.com/team/a-very-long-repository-name-indeed';
  const images = [
    { repository: long, tag: 'latest', id: `sha256:${'a'.repeat(64)}`, sizeBytes: 1000, created: '2026-01-01T00:00:00Z' },
    { repository: 'app', tag: '1', id: `sha256:${'b'.repeat(64)}`, sizeBytes: 1000, created: '2025-01-01T00:00:00Z' },
  ];
  const view = render(<Picker images={images} columns={60} rows={20} ascii onDone={() => {}} />);
  for (let i = 0; i < 200 && !view.lastFrame()?.includes('Local images'); i++) await new Promise((r) => setImmediate(r));
  const f = plain(view.lastFrame() ?? '');
  expect(f, f).toMatch(ASCII_ONLY);
  // 60 columns: 8 for the size, 13 for the age, 4 of spaces and mark leave 35 for the name, cut to 32 + '...'.
  expect(f).toContain(`> ${long.slice(0, 32)}... `);
  expect(f).toContain('Up/Down move | Enter open | Esc clear/quit | ^C quit');
  view.unmount();
});
