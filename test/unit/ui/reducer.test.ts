import { describe, expect, test } from 'vitest';
import { computeLayout, treePageSize } from '../../../src/ui/layout.js';
import { reduce } from '../../../src/ui/reducer.js';
import { initialState, type Action, type ExplorerState } from '../../../src/ui/state.js';

const start = (over: Partial<ExplorerState> = {}): ExplorerState => ({
  ...initialState({ layerCount: 5, layerRowCount: 7, inefficientCount: 40, columns: 80, rows: 24 }),
  ...over,
});
const run = (state: ExplorerState, ...actions: Action[]): ExplorerState => actions.reduce(reduce, state);
const page = treePageSize(computeLayout(80, 24, 7), false);

describe('explorer reducer', () => {
  test('Tab cycles layers → tree → image → layers', () => {
    const s = start();
    expect(run(s, { type: 'focusNext' }).pane).toBe('tree');
    expect(run(s, { type: 'focusNext' }, { type: 'focusNext' }).pane).toBe('image');
    expect(run(s, { type: 'focusNext' }, { type: 'focusNext' }, { type: 'focusNext' }).pane).toBe('layers');
  });
  test('layer selection clamps to the layers there are', () => {
    const s = start();
    expect(run(s, { type: 'moveLayer', move: 'up' })).toBe(s);
    expect(run(s, { type: 'moveLayer', move: 'down' }, { type: 'moveLayer', move: 'down' }).selectedLayer).toBe(2);
    expect(run(s, { type: 'moveLayer', move: 'bottom' }).selectedLayer).toBe(4);
    expect(run(s, { type: 'moveLayer', move: 'pageDown' }, { type: 'moveLayer', move: 'pageDown' }).selectedLayer).toBe(4);
    expect(run(s, { type: 'moveLayer', move: 'bottom' }, { type: 'moveLayer', move: 'top' }).selectedLayer).toBe(0);
  });
  test('compare mode', () => {
    expect(run(start(), { type: 'setCompare', mode: 'aggregated' }).compare).toBe('aggregated');
  });
  test('tree cursor scrolls the window to stay visible', () => {
    let s = start();
    for (let i = 0; i < page + 3; i++) s = reduce(s, { type: 'moveTree', move: 'down', rowCount: 1000 });
    expect(s.treeCursor).toBe(page + 3);
    expect(s.treeTop).toBe(4);
    s = run(s, { type: 'moveTree', move: 'top', rowCount: 1000 });
    expect([s.treeCursor, s.treeTop]).toEqual([0, 0]);
    s = run(s, { type: 'moveTree', move: 'bottom', rowCount: 1000 });
    expect([s.treeCursor, s.treeTop]).toEqual([999, 1000 - page]);
    expect(run(s, { type: 'moveTree', move: 'down', rowCount: 1000 }).treeCursor).toBe(999);
  });
  test('page down moves cursor and window by a page', () => {
    const s = run(start(), { type: 'moveTree', move: 'down', rowCount: 1000 }, { type: 'moveTree', move: 'pageDown', rowCount: 1000 });
    expect(s.treeCursor).toBe(1 + page);
    expect(s.treeTop).toBe(page);
    const back = run(s, { type: 'moveTree', move: 'pageUp', rowCount: 1000 });
    expect([back.treeCursor, back.treeTop]).toEqual([1, 0]);
    expect(run(start(), { type: 'moveTree', move: 'pageDown', rowCount: 3 }).treeCursor).toBe(2);
  });
  test('setting the cursor can keep it at a given height on the pane', () => {
    const s = run(start(), { type: 'setTreeCursor', row: 50, rowCount: 1000, offset: 3 });
    expect([s.treeCursor, s.treeTop]).toEqual([50, 47]);
    expect(run(start(), { type: 'setTreeCursor', row: 2, rowCount: 1000, offset: 10 }).treeTop).toBe(0);
    expect(run(start(), { type: 'setTreeCursor', row: 50, rowCount: 1000 }).treeTop).toBe(50 - page + 1);
  });
  test('moves on an empty tree stay at 0', () => {
    const s = run(start(), { type: 'moveTree', move: 'down', rowCount: 0 }, { type: 'moveTree', move: 'bottom', rowCount: 0 });
    expect([s.treeCursor, s.treeTop]).toEqual([0, 0]);
  });
  test('folding by path id, and fold-all toggles', () => {
    let s = run(start(), { type: 'toggleCollapsed', pathId: 7 });
    expect([...s.collapsed]).toEqual([7]);
    s = run(s, { type: 'setCollapsed', pathId: 7, collapsed: true });
    expect([...s.collapsed]).toEqual([7]);
    expect(run(s, { type: 'setCollapsed', pathId: 7, collapsed: false }).collapsed.size).toBe(0);
    expect(run(s, { type: 'toggleCollapseAll', directories: [1, 2, 3] }).collapsed.size).toBe(0);
    expect([...run(start(), { type: 'toggleCollapseAll', directories: [1, 2, 3] }).collapsed]).toEqual([1, 2, 3]);
  });
  test('hidden kinds, attributes, sort order', () => {
    const s = run(
      start(),
      { type: 'toggleHidden', kind: 'added' },
      { type: 'toggleHidden', kind: 'removed' },
      { type: 'toggleHidden', kind: 'added' },
    );
    expect([...s.hidden]).toEqual(['removed']);
    expect(run(start(), { type: 'toggleAttributes' }).attributes).toBe(false);
    expect(run(start(), { type: 'toggleOrder' }).order).toBe('size');
    expect(run(start(), { type: 'toggleOrder' }, { type: 'toggleOrder' }).order).toBe('name');
  });
  test('filter typing, backspace, accept and clear', () => {
    let s = run(start(), { type: 'openFilter' });
    expect([s.pane, s.filterEditing]).toEqual(['tree', true]);
    s = run(s, { type: 'filterInput', text: 'et' }, { type: 'filterInput', text: 'cé' }, { type: 'filterBackspace' });
    expect(s.filter).toBe('etc');
    s = run(s, { type: 'filterAccept' });
    expect([s.filter, s.filterEditing]).toEqual(['etc', false]);
    s = run(s, { type: 'filterClear' });
    expect([s.filter, s.filterEditing]).toEqual(['', false]);
  });
  test('changing what the tree shows returns the cursor to the top', () => {
    const moved = run(start(), { type: 'moveTree', move: 'bottom', rowCount: 500 });
    for (const a of [{ type: 'toggleHidden', kind: 'added' }, { type: 'filterInput', text: 'x' }, { type: 'toggleOrder' }] as Action[]) {
      expect(run(moved, a).treeCursor).toBe(0);
    }
  });
  test('image pane scrolls the inefficient files within their count', () => {
    const s = run(start(), { type: 'moveImage', move: 'down' }, { type: 'moveImage', move: 'down' });
    expect(s.imageTop).toBe(2);
    expect(run(s, { type: 'moveImage', move: 'bottom' }).imageTop).toBeLessThan(40);
    expect(run(s, { type: 'moveImage', move: 'top' }).imageTop).toBe(0);
    expect(run(start({ inefficientCount: 0 }), { type: 'moveImage', move: 'down' }).imageTop).toBe(0);
  });
  test('at 80x24 with 8 layers PgDn in the image pane moves by the 4 rows the focused pane draws', () => {
    // The pane has 9 rows (layout.test.ts); focused, its list keeps 4 of them (FOCUSED_IMAGE_LIST_ROWS).
    const s = start({ layerRowCount: 8, inefficientCount: 10, pane: 'image' });
    expect(run(s, { type: 'moveImage', move: 'pageDown' }).imageTop).toBe(4);
    expect(run(s, { type: 'moveImage', move: 'pageDown' }, { type: 'moveImage', move: 'pageDown' }).imageTop).toBe(8);
  });
  test('resize keeps the cursor on screen', () => {
    // By hand: at 80x24 the tree pane is 23 rows (24 less the key bar), 21 of them files (less title and
    // header); at 60x14 it is 13 rows, 11 files. Cursor on the last row of the tall page (20, top 0):
    // after shrinking, row 20 shows only with the window starting at 20 - 11 + 1 = 10.
    const s = run(start({ pane: 'tree', treeCursor: 20, treeTop: 0 }), { type: 'resize', columns: 60, rows: 14 });
    expect([s.treeCursor, s.treeTop, s.columns, s.rows]).toEqual([20, 10, 60, 14]);
    // A cursor that still fits keeps the window where it was.
    const t = run(start({ pane: 'tree', treeCursor: 5, treeTop: 0 }), { type: 'resize', columns: 60, rows: 14 });
    expect([t.treeCursor, t.treeTop]).toEqual([5, 0]);
  });
  test('help and quit', () => {
    expect(run(start(), { type: 'toggleHelp' }).help).toBe(true);
    expect(run(start(), { type: 'toggleHelp' }, { type: 'toggleHelp' }).help).toBe(false);
    expect(run(start(), { type: 'quit' }).quit).toBe(true);
  });
});

describe('layout', () => {
  test('80x24 fits all panes; narrower compacts; tiny is too small', () => {
    const l = computeLayout(80, 24, 7);
    expect(l.compact).toBe(false);
    expect(l.leftWidth + l.rightWidth).toBe(80);
    expect(l.layersHeight + l.detailsHeight + l.imageHeight).toBe(23);
    expect(l.imageHeight).toBeGreaterThanOrEqual(8);
    expect(computeLayout(79, 24, 7).compact).toBe(true);
    expect(computeLayout(30, 24, 7).tooSmall).toBe(true);
    expect(computeLayout(80, 8, 7).tooSmall).toBe(true);
  });
});
