// The explorer's reducer on key events, without Ink: each key is looked up against the state the keys
// before it left (pane, filter line, help, the rows shown), and the tree cursor follows its file.
import { describe, expect, test } from 'vitest';
import type { KeyPress } from '../../../src/ui/key-names.js';
import { settleAnchor } from '../../../src/ui/cursor-anchor.js';
import { explorerReducer } from '../../../src/ui/key-reducer.js';
import { applyKeyOverrides, DEFAULT_KEYMAP } from '../../../src/ui/keymap.js';
import { initialState, type ExplorerState } from '../../../src/ui/state.js';
import { treeViews } from '../../../src/ui/tree-views.js';
import { sampleImage } from './harness.js';
import { buildModel } from '../../helpers/model-builder.js';
import { fakeSource, type FakeNode } from './fake-trees.js';

const { image, trees } = sampleImage();
const views = treeViews(image, trees);
const start = (): ExplorerState => initialState({ layerCount: 3, layerRowCount: 5, inefficientCount: 1, columns: 80, rows: 24 });
const key = (spec: string, text = spec.length === 1 ? spec : ''): KeyPress => ({ spec, text });
const typed = (text: string): KeyPress => ({ spec: undefined, text });
const run = (keys: readonly KeyPress[], keymap = DEFAULT_KEYMAP, from = start()): ExplorerState => {
  const reducer = explorerReducer({ keymap, view: views });
  return keys.reduce((s, press) => reducer(s, { type: 'key', press }), from);
};
/** Path under the tree cursor. */
const cursorPath = (s: ExplorerState): string => {
  const { tree, rows } = views(s);
  return image.paths.path(tree.pathId[rows[s.treeCursor]!]!);
};

describe('keys in the reducer', () => {
  test('Tab then Down moves the tree cursor; Tab, Tab, Down leaves the layer alone', () => {
    expect(run([key('tab'), key('down')])).toMatchObject({ pane: 'tree', treeCursor: 1, selectedLayer: 0 });
    expect(run([key('tab'), key('tab'), key('down')])).toMatchObject({ pane: 'image', selectedLayer: 0 });
  });
  test('filter line: text is typed, Enter ends it, the next q quits', () => {
    const s = run([key('/'), typed('pas'), key('enter'), key('q')]);
    expect(s).toMatchObject({ filter: 'pas', filterEditing: false, quit: true });
    expect(run([key('/'), key('q')])).toMatchObject({ filter: 'q', quit: false });
  });
  test('keys after quit change nothing', () => {
    const quit = run([key('q')]);
    expect(run([key('j'), key('tab')], DEFAULT_KEYMAP, quit)).toBe(quit);
  });
  test('Space folds the row the filter left under the cursor', () => {
    const s = run([key('/'), typed('etc'), key('enter'), key('space')]);
    expect([...s.collapsed].map((id) => image.paths.path(id))).toEqual(['etc']);
  });
  test('rebound keys are looked up in the keymap given', () => {
    const keymap = applyKeyOverrides(DEFAULT_KEYMAP, { down: 'n' }, 'test');
    expect(run([key('n')], keymap).selectedLayer).toBe(1);
    expect(run([key('j')], keymap).selectedLayer).toBe(0);
  });
  test('the tree cursor follows its file to the next layer and through sorting', () => {
    // Layer 1 by name: bin, bin/ln, bin/sh, etc, etc/passwd; sorting by size puts sh (1000 B) above ln (0 B).
    let s = run([key('tab'), key('j'), key('j')]);
    expect(cursorPath(s)).toBe('bin/sh');
    s = run([key('ctrl+o')], DEFAULT_KEYMAP, s);
    expect(s.anchor).toBeDefined(); // placed when the new rows are needed, not before
    s = run([key('k')], DEFAULT_KEYMAP, s); // settled first (sh on row 1), then up one row
    expect([s.anchor, cursorPath(s)]).toEqual([undefined, 'bin']);
    // The same keys in one run end in the same place.
    expect(cursorPath(run([key('tab'), key('j'), key('j'), key('ctrl+o'), key('k')]))).toBe('bin');
  });
  test('a tree seen from its top stays at its top on the next layer: what the layer added above the file shows', () => {
    // Layer 1 has b/x00..x59; layer 2 adds a/new above them. The cursor on b (row 0, the tree at its top) follows
    // b to row 2 of layer 2, and the tree stays at its top instead of keeping b on the screen's first row.
    const nodes = (k: number): FakeNode[] => [
      ...(k === 1
        ? [
            { path: 'a', kind: 'dir' as const, diff: 'added' as const },
            { path: 'a/new', size: 1, diff: 'added' as const },
          ]
        : []),
      { path: 'b', kind: 'dir' },
      ...files,
    ];
    // More rows than the pane holds, so that keeping b's height on screen would scroll a out of sight.
    const files: FakeNode[] = Array.from({ length: 60 }, (_, i) => ({ path: `b/x${String(i).padStart(2, '0')}`, size: 1 }));
    const model = buildModel([{ entries: files.map((f) => ({ path: f.path, size: 1 })) }, { entries: [{ path: 'a/new', size: 1 }] }]);
    const own = treeViews(model, fakeSource(model.paths, nodes));
    const reducer = explorerReducer({ keymap: DEFAULT_KEYMAP, view: own });
    const from = initialState({ layerCount: 2, layerRowCount: 2, inefficientCount: 0, columns: 80, rows: 24 });
    let s = [key('tab'), key('tab'), key('tab'), key('j')].reduce((st, press) => reducer(st, { type: 'key', press }), from);
    expect(s.selectedLayer).toBe(1);
    s = settleAnchor(s, own); // as the next frame does
    const { tree, rows } = own(s);
    expect(model.paths.path(tree.pathId[rows[s.treeCursor]!]!)).toBe('b');
    expect([s.treeCursor, s.treeTop]).toEqual([2, 0]);
  });
});
