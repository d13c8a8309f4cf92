// The file viewer through the built CLI in a real 120x24 terminal (tmux; wide enough for the names), on an archive the test writes:
// page and search a text file, Esc back to the same row; hostile bytes shown escaped (nothing reaches
// the terminal raw: no colour, no clipboard, no title); binary as hex; x extracts into the current
// directory; viewer keys in one write end on the screen slow typing ends on.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';
import { NOTES, writeViewerArchive } from './viewer-archive.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip(
    'the built CLI (npm run build; npm test does)',
    existsSync('dist/cli/main.js') && existsSync('dist/cli/explore/run-explore.js'),
  );
let archive = '';
beforeAll(() => {
  if (run) archive = writeViewerArchive();
});
const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

const CLI = resolve('bin/layerscope.js');
/** The tree pane's text (right of the first │) of every screen row. */
const tree = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');
/** Screen row 1: the viewer's first text row (row 0 is its title). */
const firstRow = (s: string): string => s.split('\n')[1] ?? '';
const cursorOn = (name: string) => (s: string) => new RegExp(`^>.*${name.replace('.', '\\.')}`, 'm').test(tree(s));

/** The explorer on the archive, NO_COLOR (the cursor row is marked with >), tree focused, cursor on `row`. */
async function explore(
  row: number,
  dir = process.cwd(),
  command = `node ${CLI} ${archive}`,
  env: Record<string, string> = {},
): Promise<TmuxTerminal> {
  const t = new TmuxTerminal(120, 24, { NO_COLOR: '1', ...env });
  terminals.push(t);
  t.run(`cd ${dir} && clear; ${command}; echo EXIT=$?`);
  await t.waitFor((s) => s.includes('Layers 1/2'), 'the explorer');
  t.keys('Tab');
  await t.waitFor((s) => s.includes('▶ Layer contents'), 'the tree focused');
  for (let i = 0; i < row; i++) t.keys('j');
  return t;
}

describe.skipIf(!run)('file viewer in a real terminal (tmux, built CLI)', () => {
  test('a text file: open, search, next, scroll, Esc back with the cursor where it was', async () => {
    const t = await explore(4);
    await t.waitFor(cursorOn('notes.txt'), 'the cursor on notes.txt');
    t.keys('Enter');
    let s = await t.waitFor((x) => x.includes('View: /etc/notes.txt · layer 1 of 2') && x.includes('   2 │ line 2'), 'the file');
    expect(firstRow(s)).toContain('   1 │ line 1');
    t.keys('/');
    await t.waitFor((x) => x.includes('/_'), 'the search line');
    t.type('NEEDLE');
    t.keys('Enter');
    // A match shows two lines below the top: line 100 → lines 98…
    s = await t.waitFor((x) => firstRow(x).includes('  98 │ line 98'), 'the first match');
    expect(s).toContain(' 100 │ line 100 needle');
    t.keys('n');
    await t.waitFor((x) => firstRow(x).includes(' 198 │ line 198'), 'the next match');
    t.keys('j');
    await t.waitFor((x) => firstRow(x).includes(' 199 │ line 199'), 'one line down');
    t.keys('PageDown');
    await t.waitFor((x) => firstRow(x).includes(' 220 │ line 220'), 'a page down (21 rows)');
    t.keys('G');
    s = await t.waitFor((x) => firstRow(x).includes(' 280 │ line 280'), 'the last page');
    expect(s).toContain(' 300 │ line 300 needle');
    t.keys('Escape');
    s = await t.waitFor((x) => x.includes('Layer contents') && !x.includes('View:'), 'back in the tree');
    expect(cursorOn('notes.txt')(s)).toBe(true);
    t.keys('q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });

  test('hostile content is shown escaped; the terminal is not re-coloured, retitled or given a clipboard', async () => {
    const t = await explore(3);
    await t.waitFor(cursorOn('hostile.txt'), 'the cursor on hostile.txt');
    const title = t.pane('pane_title');
    t.tmux('set-option', '-s', 'set-clipboard', 'on'); // so that an OSC 52 reaching tmux would fill a buffer
    t.keys('Enter');
    const s = await t.waitFor((x) => x.includes('View: /etc/hostile.txt') && x.includes('   4 │'), 'the file');
    expect(s).toContain('   1 │ \\x1b[31mRED\\x1b[0m');
    expect(s).toContain('   2 │ \\x1b]52;c;cHduZWQ=\\x07');
    expect(s).toContain('   3 │ \\x1b]0;PWNED-TITLE\\x07');
    expect(s).toContain('   4 │ \\xff\\xfe bad');
    const raw = t.screen(true);
    expect(raw).not.toContain('\x1b[31mRED');
    expect(raw).not.toContain('\ufffd');
    expect(t.pane('pane_title')).toBe(title);
    expect(t.tmux('list-buffers')).not.toContain('pwned'); // OSC 52 would have filled a tmux buffer
    t.keys('Escape', 'q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });

  test('a binary file is a hex dump', async () => {
    const t = await explore(1);
    await t.waitFor(cursorOn('blob.bin'), 'the cursor on blob.bin');
    t.keys('Enter');
    const s = await t.waitFor((x) => x.includes('View: /bin/blob.bin') && x.includes('· hex') && x.includes('|.[2J|'), 'the hex dump');
    // As `hexdump -C` prints these 20 bytes.
    expect(s).toContain('00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|');
    expect(s).toContain('00000010  1b 5b 32 4a                                       |.[2J|');
    t.keys('Escape', 'q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });

  test('x extracts the file as of the selected layer into the current directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-e2e-x-'));
    const t = await explore(0, dir);
    t.keys('Tab', 'Tab', 'j', 'Tab'); // layer 2 selected, back to the tree
    await t.waitFor((x) => x.includes('Layers 2/2') && x.includes('▶ Layer contents'), 'layer 2, tree focused');
    t.keys('j', 'j', 'j', 'j');
    await t.waitFor(cursorOn('notes.txt'), 'the cursor on notes.txt');
    t.keys('x');
    const s = await t.waitFor((x) => /extracted .*notes\.txt/.test(x), 'the message of x');
    expect(s).toContain('notes.txt');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe(NOTES.replace('line 2\n', 'LINE TWO\n'));
    t.keys('x'); // never overwrites
    await t.waitFor((x) => /exists|overwrit/.test(x.split('\n')[23] ?? ''), 'a refusal to overwrite');
    t.keys('q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });

  test('Enter / needle Enter n j in one write: the screen the same keys typed slowly give', async () => {
    const slow = await explore(4);
    await slow.waitFor(cursorOn('notes.txt'), 'the cursor on notes.txt');
    slow.keys('Enter');
    await slow.waitFor((x) => x.includes('   1 │ line 1'), 'the file');
    slow.keys('/');
    await slow.waitFor((x) => x.includes('/_'), 'the search line');
    slow.type('needle');
    slow.keys('Enter');
    await slow.waitFor((x) => firstRow(x).includes('  98 │'), 'the first match');
    slow.keys('n');
    await slow.waitFor((x) => firstRow(x).includes(' 198 │'), 'the next match');
    slow.keys('j');
    const want = await slow.waitFor((x) => firstRow(x).includes(' 199 │'), 'one line down');
    const fast = await explore(4);
    await fast.waitFor(cursorOn('notes.txt'), 'the cursor on notes.txt');
    fast.paste('\r/needle\rnj');
    await fast.waitFor((x) => x === want, `the screen typed slowly:\n${want}`);
  });

  test('an image on standard input: its files show with --keep-layers, and say how without', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'ls-keep-'));
    const without = await explore(4, process.cwd(), `node ${CLI} - < ${archive}`, { XDG_CACHE_HOME: cache });
    await without.waitFor(cursorOn('notes.txt'), 'the cursor on notes.txt');
    without.keys('Enter');
    await without.waitFor((x) => x.includes('were not kept when the image was read'), 'the not-kept line');
    const kept = await explore(4, process.cwd(), `node ${CLI} --keep-layers - < ${archive}`, { XDG_CACHE_HOME: cache });
    await kept.waitFor(cursorOn('notes.txt'), 'the cursor on notes.txt');
    kept.keys('Enter');
    await kept.waitFor((x) => x.includes('View: /etc/notes.txt') && x.includes('   2 │ line 2'), 'the file, read from the layer store');
  });
});
