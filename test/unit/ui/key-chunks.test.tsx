// Keys that arrive in one read (typed ahead, pasted, batched by SSH) act in order, each on the state the
// keys before it left: never on the state of the last frame drawn.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, renderExplorer } from './harness.js';

afterEach(() => cleanup());

const treeText = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');
const ready = (f: string) => f.includes('Layers 1/3');

describe('keys in one chunk', () => {
  test('Tab then Ctrl+B: Ctrl+B reaches the tree pane Tab just focused', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    // Ctrl+B in the layers pane does nothing; in the tree pane it hides the attribute columns.
    const f = await r.pressChunk([KEYS.tab, KEYS.ctrl('b')], (fr) => !fr.includes('Permission'));
    expect(f).toContain('▶ Layer contents');
  });
  test('Tab then Down moves the tree cursor, not the layer', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    const f = await r.pressChunk([KEYS.tab, KEYS.down], (fr) => treeText(fr).includes('>+ lrw'));
    expect(f).toContain('Layers 1/3');
  });
  test('Tab, Tab, Down: Down reaches the image pane, the layer stays', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    const f = await r.pressChunk([KEYS.tab, KEYS.tab, KEYS.down], (fr) => fr.includes('▶ Image'));
    expect(f).toContain('Layers 1/3');
  });
  test('/ opt Enter q: q quits instead of going into the filter', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    r.app.stdin.write(['/', 'pas', KEYS.enter, 'q'].join(''));
    await r.waitForFrame(() => r.quits() === 1);
    expect(r.frame()).not.toContain('pasq');
  });
  test('/ pas Down q: Down ends the typing, so q quits', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    r.app.stdin.write(['/', 'pas', KEYS.down, 'q'].join(''));
    await r.waitForFrame(() => r.quits() === 1);
    expect(r.frame()).not.toContain('pasq');
  });
  test('with the filter line open: pas Down q types pas, Down ends the typing, q quits', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press('/', (f) => f.includes('Filter: _'));
    r.app.stdin.write(['pas', KEYS.down, 'q'].join(''));
    await r.waitForFrame(() => r.quits() === 1);
    expect(r.frame()).toContain('Filter: pas');
    expect(r.frame()).not.toContain('pasq');
  });
  test('Esc typed just before a key (one read, "\\x1bq") is Esc, then that key', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press('/', (f) => f.includes('Filter: _'));
    r.app.stdin.write(['pas', KEYS.esc, 'q'].join(''));
    await r.waitForFrame(() => r.quits() === 1);
    expect(r.frame()).not.toContain('Filter:');
  });
  test('a filter typed with Enter and Space in one chunk folds the row the filter left under the cursor', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    // After "/etc" + Enter the first row is etc; Space folds it. Against the old rows it would fold bin.
    const f = await r.pressChunk(['/', 'etc', KEYS.enter, KEYS.space], (fr) => fr.includes('⊕ etc'));
    expect(f).not.toContain('⊕ bin');
  });
  test('Down, Esc-prefixed keys and Ctrl keys mixed: every key counted', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    const f = await r.pressChunk(
      [KEYS.down, KEYS.down, KEYS.up, KEYS.tab, KEYS.ctrl('o'), KEYS.tab, KEYS.tab, 'j', 'j'],
      (fr) => fr.includes('Layers 3/3') && fr.includes('[by size]'),
    );
    expect(f).toContain('▶ Layers');
  });
  test('? then Esc then j: help opens and closes, and j moves the layer', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    const f = await r.pressChunk(['?', KEYS.esc, 'j'], (fr) => fr.includes('Layers 2/3'));
    expect(f).not.toContain('Keys (?');
  });
  test('moving to a file and sorting in one chunk: the cursor stays on that file in the sorted tree', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    // g j j puts the cursor on bin/sh; sorting by size moves sh above ln, and the cursor with it.
    const f = await r.pressChunk(['g', 'j', 'j', KEYS.ctrl('o')], (fr) => fr.includes('[by size]'));
    expect(treeText(f)).toContain('>+ -rw-r--r--     0:0  1.0 kB │   ├── sh');
  });
  test('a layer step and a cursor move in one chunk: the move starts from the file the cursor followed', async () => {
    const r = renderExplorer();
    await r.waitForFrame(ready);
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    await r.press('jjjj', (f) => treeText(f).includes('>+ -rw-r--r--     0:0   200 B     └── passwd'));
    // Back to layers, next layer (passwd stays under the cursor, one row lower), back to the tree, up one row.
    const f = await r.pressChunk(
      [KEYS.tab, KEYS.tab, 'j', KEYS.tab, 'k'],
      (fr) => fr.includes('Layers 2/3') && fr.includes('▶ Layer contents'),
    );
    expect(treeText(f)).toMatch(/^> {2}drwxr-xr-x .* etc$/m);
  });
});
