// Every pane and every key, through Ink with ink-testing-library; waits for frames, never sleeps.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import stringWidth from 'string-width';
import { PathTable } from '../../../src/core/index.js';
import { applyKeyOverrides, DEFAULT_KEYMAP } from '../../../src/ui/keymap.js';
import { buildModel } from '../../helpers/model-builder.js';
import { fakeAnalysis, fakeSource } from './fake-trees.js';
import { KEYS, renderExplorer } from './harness.js';

afterEach(() => cleanup());

/** The tree pane's column of a frame (right of the divider). */
const treeText = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');
const ready = (f: string) => f.includes('Layers 1/3');

describe('explorer panes', () => {
  test('first frame shows all four panes and the key bar at 80x24', async () => {
    const r = renderExplorer();
    const f = await r.waitForFrame(ready);
    const lines = f.split('\n');
    expect(lines).toHaveLength(24);
    expect(f).toContain('ADD file:abc in /');
    expect(f).toMatch(/ENV PATH=\/usr\/bin/); // empty-layer history steps are listed
    expect(f).toContain('Layer 1 of 3');
    expect(f).toContain('Diff ID: sha256:000');
    expect(f).toContain('Efficiency: 95.00 %');
    expect(f).toContain('Wasted: 1.5 kB (7.50 % of user)');
    expect(f).toContain('Honest waste: 1.2 kB');
    expect(f).toContain('  ▓ overwrote 1.0 kB');
    expect(f).toContain('  ▒ deleted 200 B');
    // The image bar: 28,000 kept, 1,000 overwritten, 200 deleted in 20 cells (see rows-details.test.ts).
    expect(f).toContain(`${'█'.repeat(18)}▓▒ 95.9% kept`);
    // No layer size bar at 80 columns (a 34-column pane would give it 1 cell, fewer than 4: layout.ts);
    // the command starts two cells sooner, right after the size.
    expect(f).toContain('●   1 1.2 kB  ADD file:abc in /');
    expect(f).toContain('    2 5.3 kB  RUN apk add curl');
    // An empty step's command lines up with the others': 2 + 3 + 1 + 6 + 2 = 14 cells in.
    expect(f).toMatch(/\n {14}ENV PATH=\/usr\/bin/);
    expect(f).toContain('Image: test:image');
    expect(f).toMatch(/3 +450 B {2}\/etc\/passwd/);
    expect(f).toContain('Layer contents');
    expect(f).toContain('ln → sh');
    expect(lines[23]).toMatch(/^q Quit {2}Tab Switch {2}\^F Filter/);
  });
  test('at 89 columns the layer bars have 4 cells, the heaviest layer filling them', async () => {
    const r = renderExplorer({}, { columns: 89, rows: 24 });
    const f = await r.waitForFrame(ready);
    // A 37-column pane (89 * 0.42 = 37.4): 37 - 33 = 4 cells. Layer 1 is 1,200 of the largest 5,250
    // bytes: 32 eighths * 1200 / 5250 = 7.3 -> 7 eighths (▉); layer 2 fills all 4; layer 3 (0 B) none.
    expect(f).toContain('●   1 1.2 kB ▉     ADD file:abc in /');
    expect(f).toContain('    2 5.3 kB ████  RUN apk add curl');
    expect(f).toContain('    3    0 B       RUN rm /etc/passwd');
    expect(f).toMatch(/\n {19}ENV PATH=\/usr\/bin/); // 14 cells, and the bar's 4 with its space
  });
  test('a long command wraps in the layer details', async () => {
    const long = `/bin/sh -c ${'apt-get install -y something-long '.repeat(3)}`;
    const image = buildModel([{ command: long, entries: [{ path: 'a', size: 1 }] }]);
    const r = renderExplorer({ image, trees: fakeSource(image.paths, () => [{ path: 'a', size: 1 }]) }, { columns: 100, rows: 30 });
    const f = await r.waitForFrame((fr) => fr.includes('Command:'));
    const at = f.split('\n').findIndex((l) => l.includes('Command:'));
    expect(f.split('\n')[at + 1]).toMatch(/something-long/);
  });
  test('the inefficient-file list scrolls when the image pane has focus', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ path: `f${i}`, count: 2, sizeBytes: 1000 - i }));
    const r = renderExplorer({ analysis: fakeAnalysis(files) });
    await r.waitForFrame((f) => f.includes('/f0'));
    await r.press(KEYS.tab + KEYS.tab, (f) => f.includes('▶ Image: test:image'));
    const f = await r.press('j', (fr) => !fr.includes('/f0'));
    expect(f).toContain('/f1');
    expect(f).toMatch(/2-\d+\/12/);
    await r.press('G', (fr) => fr.includes('/f11'));
    await r.press('g', (fr) => fr.includes('/f0'));
  });
});

describe('explorer keys', () => {
  test('Tab cycles focus layers → tree → image → layers', async () => {
    const r = renderExplorer();
    await r.waitForFrame((f) => f.includes('▶ Layers'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Image: test:image'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Layers'));
  });
  test('j/k, arrows, g/G and PgDn/PgUp select layers', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    let f = await r.press('j', (fr) => fr.includes('Layers 2/3'));
    expect(f).toContain('Layer 2 of 3');
    expect(f).toContain('RUN apk add curl');
    expect(treeText(f)).toMatch(/\+ -rw-r--r-- {5}0:0 {2}5\.0 kB {9}└── cu/);
    await r.press(KEYS.down, (fr) => fr.includes('Layers 3/3'));
    await r.press('k', (fr) => fr.includes('Layers 2/3'));
    await r.press(KEYS.up, (fr) => fr.includes('Layers 1/3'));
    await r.press('G', (fr) => fr.includes('Layers 3/3'));
    await r.press('g', (fr) => fr.includes('Layers 1/3'));
    await r.press(KEYS.pgdn, (fr) => fr.includes('Layers 3/3'));
    f = await r.press(KEYS.pgup, (fr) => fr.includes('Layers 1/3'));
    expect(f).toMatch(/●\s+1\s/);
  });
  test('a long layer list scrolls to keep the selection in view', async () => {
    const image = buildModel(
      Array.from({ length: 60 }, (_, i) => ({ command: `/bin/sh -c step-${i + 1}`, entries: [{ path: `f${i}`, size: 1 }] })),
    );
    const r = renderExplorer({ image, trees: fakeSource(image.paths, (k) => [{ path: `f${k}`, size: 1 }]) });
    await r.waitForFrame((f) => f.includes('Layers 1/60'));
    let f = await r.press('G', (fr) => fr.includes('Layers 60/60'));
    expect(f).toMatch(/●\s+60\s.*RUN step-60/);
    expect(f).not.toContain('RUN step-1 ');
    f = await r.press('g', (fr) => fr.includes('Layers 1/60'));
    expect(f).toMatch(/●\s+1\s.*RUN step-1/);
  });
  test('Ctrl+A / Ctrl+L in the layers pane switch aggregated / this-layer views and mark the range', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press('G', (f) => f.includes('Layers 3/3'));
    let f = await r.press(KEYS.ctrl('a'), (fr) => fr.includes('Aggregated contents'));
    expect(f).toContain('Layers 3/3 (aggregated)');
    expect(f).toMatch(/│\s+1\s/); // layers below the selection marked as compared
    expect(treeText(f)).toContain('+ ');
    f = await r.press(KEYS.ctrl('l'), (fr) => fr.includes('Layer contents'));
    expect(f).not.toContain('(aggregated)');
  });
  test('tree cursor, Space folds, Ctrl+Space folds all, h/l and arrows fold and unfold', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    let f = await r.press('j', (fr) => treeText(fr).includes('>+ lrw'));
    f = await r.press('k', (fr) => treeText(fr).includes('>+ drwxr-xr-x     0:0  1.0 kB ├── bin'));
    f = await r.press(KEYS.space, (fr) => fr.includes('├─⊕ bin'));
    expect(treeText(f)).not.toContain('ln → sh');
    f = await r.press(KEYS.space, (fr) => fr.includes('ln → sh'));
    f = await r.press('h', (fr) => fr.includes('├─⊕ bin'));
    f = await r.press('l', (fr) => fr.includes('ln → sh'));
    f = await r.press(KEYS.left, (fr) => fr.includes('├─⊕ bin'));
    f = await r.press(KEYS.right, (fr) => fr.includes('ln → sh'));
    await r.press('j', (fr) => treeText(fr).includes('>+ lrw'));
    f = await r.press('h', (fr) => treeText(fr).includes('>+ drwxr-xr-x     0:0  1.0 kB ├── bin')); // left on a file: to its parent
    f = await r.press(KEYS.ctrlSpace, (fr) => fr.includes('├─⊕ bin') && fr.includes('└─⊕ etc'));
    await r.press(KEYS.ctrlSpace, (fr) => fr.includes('ln → sh') && fr.includes('passwd'));
  });
  test('Ctrl+F and / filter by path; Enter keeps it, Esc clears it', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    let f = await r.press(KEYS.ctrl('f'), (fr) => fr.includes('Filter: _'));
    expect(f).toContain('▶ Layer contents');
    expect(f.split('\n')[23]).toContain('Esc Clear');
    f = await r.press('pass', (fr) => fr.includes('Filter: pass_'));
    expect(treeText(f)).toContain('passwd');
    expect(treeText(f)).not.toContain('bin');
    f = await r.press(KEYS.backspace, (fr) => fr.includes('Filter: pas_'));
    f = await r.press(KEYS.enter, (fr) => fr.includes('Filter: pas') && !fr.includes('pas_'));
    f = await r.press('j', (fr) => treeText(fr).includes('>+ -rw'));
    f = await r.press(KEYS.esc, (fr) => !fr.includes('Filter:'));
    expect(treeText(f)).toContain('bin');
    f = await r.press('/', (fr) => fr.includes('Filter: _'));
    f = await r.press('zzz', (fr) => fr.includes('No files match'));
  });
  test('Ctrl+A/R/N/U in the tree hide added, removed, modified, unmodified files', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press('G', (f) => f.includes('Layers 3/3'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    let f = await r.press(KEYS.ctrl('r'), (fr) => fr.includes('[hiding removed]'));
    expect(treeText(f)).not.toContain('passwd');
    f = await r.press(KEYS.ctrl('r'), (fr) => !fr.includes('[hiding'));
    expect(treeText(f)).toContain('- -rw-r--r--     0:0   250 B │   └── pass');
    f = await r.press(KEYS.ctrl('u'), (fr) => fr.includes('[hiding unchanged]'));
    expect(treeText(f)).not.toContain('bin');
    expect(treeText(f)).toContain('passwd');
    await r.press(KEYS.ctrl('u'), (fr) => !fr.includes('[hiding'));
    await r.press(KEYS.tab + KEYS.tab, (fr) => fr.includes('▶ Layers'));
    await r.press('k', (fr) => fr.includes('Layers 2/3'));
    await r.press(KEYS.tab, (fr) => fr.includes('▶ Layer contents'));
    f = await r.press(KEYS.ctrl('n'), (fr) => fr.includes('[hiding modified]'));
    expect(treeText(f)).not.toContain('passwd');
    f = await r.press(KEYS.ctrl('a'), (fr) => fr.includes('[hiding modified, added]'));
    expect(treeText(f)).not.toContain('curl');
  });
  test('the tree cursor stays on its file when the layer changes', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    await r.press('jjjj', (f) => treeText(f).includes('>+ -rw-r--r--     0:0   200 B     └── passwd'));
    await r.press(KEYS.tab + KEYS.tab, (f) => f.includes('▶ Layers'));
    const f = await r.press(
      'j',
      (fr) => fr.includes('Layers 2/3') && treeText(fr).includes('>~ -rw-r--r--     0:0   250 B │   └── passwd'),
    );
    expect(treeText(f).match(/^>/gm)).toHaveLength(1);
    // Sorting by size moves sh above ln: the cursor moves with it.
    await r.press(KEYS.tab, (fr) => fr.includes('▶ Layer contents'));
    await r.press('gjj', (fr) => treeText(fr).includes('>  -rw-r--r--     0:0  1.0 kB │   └── sh'));
    const sorted = await r.press(
      KEYS.ctrl('o'),
      (fr) => fr.includes('[by size]') && treeText(fr).includes('>  -rw-r--r--     0:0  1.0 kB │   ├── sh'),
    );
    expect(treeText(sorted).match(/^>/gm)).toHaveLength(1);
  });
  test('Ctrl+B toggles attributes, Ctrl+O sorts by size', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    let f = await r.press(KEYS.ctrl('b'), (fr) => !fr.includes('Permission'));
    expect(treeText(f)).toMatch(/^ {3}Filetree/m);
    f = await r.press(KEYS.ctrl('b'), (fr) => fr.includes('Permission UID:GID'));
    f = await r.press(KEYS.ctrl('o'), (fr) => fr.includes('[by size]'));
    const t = treeText(f);
    expect(t.indexOf('bin')).toBeLessThan(t.indexOf('etc')); // 1.0 kB before 200 B
    await r.press(KEYS.ctrl('o'), (fr) => !fr.includes('[by size]'));
  });
  test('? shows help generated from the keymap; Esc and ? close it', async () => {
    const keymap = applyKeyOverrides(DEFAULT_KEYMAP, { 'toggle-sort-order': 'ctrl+t' }, 'test');
    // 150x26 holds two whole columns of 23 rows: all 44 lines, nothing cut.
    const wide = renderExplorer({ keymap }, { columns: 150, rows: 26 });
    await wide.waitForFrame(ready);
    let f = await wide.press('?', (fr) => fr.includes('Keys (? or Esc to close)'));
    expect(f).toContain('^T        Sort by name/size');
    expect(f).toContain('^N        Show/hide modified (not ^M: Enter)');
    expect(f).toContain('Enter     Go to the file on the top line (a secret) at its layer');
    expect(f).not.toContain('…');
    expect(f).not.toContain('to scroll');
    cleanup();
    // 80x24: one whole column; the cursor keys scroll it, and a line below says where it is.
    const r = renderExplorer({ keymap }, { columns: 80, rows: 24 });
    await r.waitForFrame(ready);
    f = await r.press('?', (fr) => fr.includes('Keys (? or Esc to close)'));
    expect(f).toContain('lines 1-21 of 44 (up, down, PgUp, PgDn to scroll)');
    expect(f).not.toContain('…');
    f = await r.press('G', (fr) => fr.includes('lines 24-44 of 44'));
    expect(f).toContain('^T        Sort by name/size');
    expect(f).toContain('~/.config/layerscope/config.yaml');
    f = await r.press('k', (fr) => fr.includes('lines 23-43 of 44'));
    f = await r.press(KEYS.esc, (fr) => fr.includes('Layers 1/3'));
    // Opened again, it starts from the top.
    f = await r.press('?', (fr) => fr.includes('Keys (?'));
    expect(f).toContain('lines 1-21 of 44');
    await r.press('?', (fr) => fr.includes('Layers 1/3'));
    await r.press('?', (fr) => fr.includes('Keys (?'));
    await r.press('?', (fr) => fr.includes('Layers 1/3'));
  });
  test('q and Ctrl+C quit', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    r.app.stdin.write('q');
    await r.waitForFrame(() => r.quits() === 1);
    const again = renderExplorer();
    await again.waitForFrame(ready);
    again.app.stdin.write(KEYS.ctrl('c'));
    await again.waitForFrame(() => again.quits() === 1);
  });
  test('rebound keys work and the old ones do not', async () => {
    const r = renderExplorer({ keymap: applyKeyOverrides(DEFAULT_KEYMAP, { down: 'n', quit: 'x' }, 'test') });
    await r.waitForFrame(ready);
    await r.press('n', (f) => f.includes('Layers 2/3'));
    r.app.stdin.write('q');
    r.app.stdin.write('x');
    await r.waitForFrame(() => r.quits() === 1);
  });
});

describe('explorer terminal behaviour', () => {
  test('redraws on resize; narrow compacts the layers pane and hides attributes; tiny shows a notice', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    r.terminal.resize(60, 20);
    let f = await r.waitForFrame((fr) => fr.split('\n').length === 20);
    expect(f).not.toContain('ADD file:abc');
    expect(f).not.toContain('Permission');
    expect(f.split('\n').every((l) => l.length <= 60)).toBe(true);
    r.terminal.resize(30, 10);
    f = await r.waitForFrame((fr) => fr.includes('Terminal too small'));
    expect(f.replace(/\n/g, ' ')).toContain('need 40x12. q quits.'); // wrapped onto a second row, not cut
    expect(f.split('\n').every((l) => l.length <= 30)).toBe(true);
    r.terminal.resize(100, 30);
    f = await r.waitForFrame((fr) => fr.split('\n').length === 30);
    expect(f).toContain('ADD file:abc');
  });
  // cli-truncate kept whole a wide character the cut fell inside, one column past the pane, and the '…'
  // wrapped onto a row of its own in the terminal, pushing the screen down (patches/cli-truncate+5.2.0.patch).
  test('rows of wide (CJK) text are cut within the pane at every width, odd and even', async () => {
    // Names of 2-column characters after prefixes of 0-3 letters: at any width one of them is cut inside a character.
    const nodes = [
      { path: 'w', kind: 'dir' as const },
      ...['', 'a', 'aa', 'aaa'].map((p) => ({ path: `w/${p}${'日本語'.repeat(13)}`, size: 1 })),
    ];
    const image = buildModel([{ command: 'RUN touch', entries: nodes }]);
    const trees = fakeSource(image.paths, () => nodes);
    let cut = 0;
    for (let columns = 78; columns <= 83; columns++) {
      const f = await renderExplorer({ image, trees }, { columns, rows: 24 }).waitForFrame((fr) => fr.includes('Layers 1/1'));
      for (const line of f.split('\n')) expect(stringWidth(line), `${columns} columns: ${line}`).toBeLessThanOrEqual(columns);
      cut += (f.match(/語…|日…|本…/g) ?? []).length;
      cleanup();
    }
    expect(cut).toBeGreaterThan(0); // the names were cut, not left out
  });
  test('at the smallest size every pane keeps its title and nothing overlaps', async () => {
    const r = renderExplorer({}, { columns: 40, rows: 12 });
    const f = await r.waitForFrame(ready);
    const lines = f.split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/Layers 1\/3/);
    expect(f).toMatch(/Layer 1 of 3/);
    expect(f).toMatch(/Image: test/);
    expect(f).toMatch(/Size: 30 kB/);
    expect(lines[11]).toMatch(/^q Quit/);
  });
  test('ASCII guides', async () => {
    const r = renderExplorer({ ascii: true });
    const f = await r.waitForFrame(ready);
    expect(f).toContain('|-- bin');
    expect(f).toContain('|   |-- ln');
    expect(f).not.toMatch(/[├└│●▶→]/);
  });
  test('hostile file names are shown escaped, never raw', async () => {
    const paths = new PathTable();
    const evil = 'x\x1b]0;pwned\x07\x1b[2J\udcff';
    const image = { ...buildModel([{ command: 'echo \x1b[31m', entries: [{ path: 'a', size: 1 }] }]), paths };
    const trees = fakeSource(paths, () => [
      { path: `dir/${evil}`, size: 3, diff: 'added' },
      { path: 'l', kind: 'symlink', linkTarget: '\x1b[H' },
    ]);
    const r = renderExplorer(
      { image, trees, analysis: fakeAnalysis([{ path: evil, count: 2, sizeBytes: 6 }]) },
      { columns: 140, rows: 24 },
    );
    const f = await r.waitForFrame((fr) => fr.includes('pwned'));
    expect(f).toContain('x\\x1b]0;pwned\\x07\\x1b[2J\\xff');
    expect(f).toContain('l → \\x1b[H');
    expect(f).toContain('echo \\x1b[31m');
    // eslint-disable-next-line no-control-regex
    expect(f).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
