// The layers pane's size bar: its cells by pane width, worked out by hand from computeLayout's widths.
import { describe, expect, it } from 'vitest';
import { computeLayout, imagePageSize, imagePaneRows, layerBarCells } from '../../../src/ui/layout.js';

describe('layerBarCells', () => {
  it('gives no bar at 80 columns, where only 1 cell is left beside the command', () => {
    // 80 * 0.42 = 33.6 -> 33, raised to the 34-column minimum: 34 - 33 = 1 cell, fewer than 4.
    expect(computeLayout(80, 24, 5).leftWidth).toBe(34);
    expect(layerBarCells(34, false)).toBe(0);
  });

  it.each([
    [88, 36, 0], // 36.96 -> 36: 3 cells, still too few
    [89, 37, 4], // 37.38 -> 37: the first width with 4
    [98, 41, 8], // 41.16 -> 41: 8, the most a bar gets
    [200, 72, 8], // the pane's widest (72): still 8
  ])('at %i columns (a %i-column pane): %i cells', (columns, pane, cells) => {
    expect(computeLayout(columns, 24, 5).leftWidth).toBe(pane);
    expect(layerBarCells(pane, false)).toBe(cells);
  });

  it('compact rows (no command) keep whatever fits, 1 to 8', () => {
    expect(layerBarCells(16, true)).toBe(2);
    expect(layerBarCells(14, true)).toBe(1);
    expect(layerBarCells(24, true)).toBe(8);
  });
});

describe('imagePaneRows', () => {
  // 80x24 with 8 layer rows: body 23, details floor(23 * 0.28) = 6, layers min(8 + 1, floor(17 / 2)) = 8,
  // image 23 - 6 - 8 = 9: a title and 8 rows, the 7 summary lines and the list header filling them.
  const short = computeLayout(80, 24, 8).imageHeight;

  it('at 80x24 with 8 layers the image pane has 9 rows', () => {
    expect(short).toBe(9);
  });

  it.each([
    // height, list lines, focused, secrets: summary, alert, header, list rows
    [9, 10, false, false, 7, false, true, 0], // as it always was: the header over no row
    [9, 10, false, true, 7, true, false, 0], // the secrets line takes the header's row
    [9, 10, true, true, 3, false, true, 4], // focused: 8 - 4 rows - header = 3 summary lines
    [9, 2, true, false, 5, false, true, 2], // a list of 2 needs only 2 rows
    [9, 0, true, false, 7, false, true, 0], // no list: 'No inefficient files' in the header's row
    [13, 10, false, true, 7, false, true, 4], // 3 layers: 12 rows, 4 for the list; nothing to add
    [13, 10, true, true, 7, false, true, 4], // focused: it has its 4 already
    [7, 10, false, true, 5, true, false, 0], // 80x20 (body 19 - 5 - 7 = 7): the secrets line and 5 summary lines
    [6, 10, true, true, 0, false, true, 4], // 80x16 (body 15 - 4 - 5 = 6): focused, the header and 4 rows
    [2, 10, true, true, 0, true, false, 0], // one row: the secrets line, even focused
  ])(
    'height %i, %i lines, focused %s, secrets %s: %i summary, alert %s, header %s, %i rows',
    (h, n, focused, secrets, summary, alert, header, list) => {
      expect(imagePaneRows(h, n, focused, secrets)).toEqual({ summary, alert, header, list });
    },
  );

  it('80x20 and 80x16 with 8 layers give the image pane 7 and 6 rows', () => {
    expect(computeLayout(80, 20, 8).imageHeight).toBe(7);
    expect(computeLayout(80, 16, 8).imageHeight).toBe(6);
  });

  it('the list pages by the rows the focused pane shows: 4 at 80x24 with 8 layers, not 1', () => {
    expect(imagePageSize(computeLayout(80, 24, 8), 10)).toBe(4);
    expect(imagePageSize(computeLayout(80, 24, 8), 0)).toBe(1); // never 0: the cursor still moves
  });
});
