// The layers pane's size bar: its cells by pane width, worked out by hand from computeLayout's widths.
import { describe, expect, it } from 'vitest';
import { computeLayout, layerBarCells } from '../../../src/ui/layout.js';

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
