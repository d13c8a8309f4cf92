// Bars worked out by hand: cells and eighths of a cell.
import { describe, expect, it } from 'vitest';
import { sizeBar, splitBar, SPLIT_GLYPHS } from '../../../src/presentation/bars.js';

describe('sizeBar', () => {
  it('fills in eighths of a cell, the largest value fills the bar', () => {
    expect(sizeBar(100, 100, 4, false)).toBe('████');
    expect(sizeBar(50, 100, 4, false)).toBe('██  ');
    // 0.3 * 4 cells = 1.2 cells = 9.6 eighths -> 10 eighths = 1 full + 2/8
    expect(sizeBar(30, 100, 4, false)).toBe('█▎  ');
  });

  it('shows a sliver for any non-zero value, nothing for zero', () => {
    expect(sizeBar(1, 1_000_000, 4, false)).toBe('▏   ');
    expect(sizeBar(1, 1_000_000, 4, true)).toBe('#   ');
    expect(sizeBar(0, 100, 4, false)).toBe('    ');
  });

  it('ASCII rounds to whole cells', () => {
    expect(sizeBar(30, 100, 4, true)).toBe('#   ');
    expect(sizeBar(40, 100, 4, true)).toBe('##  ');
  });
});

describe('splitBar', () => {
  const [kept, over, del, opq] = SPLIT_GLYPHS.unicode;
  it('splits the width by share, largest remainder first', () => {
    // 60/25/15/0 of 20 cells = 12 / 5 / 3 / 0
    expect(splitBar([60, 25, 15, 0], 20, SPLIT_GLYPHS.unicode)).toBe(`${kept!.repeat(12)}${over!.repeat(5)}${del!.repeat(3)}`);
    // 50/50 of 5 cells: 2.5 each; the first remainder wins the odd cell
    expect(splitBar([50, 50, 0, 0], 5, SPLIT_GLYPHS.ascii)).toBe('###==');
  });

  it('a tiny waste still gets one cell, taken from the largest part', () => {
    expect(splitBar([999_999, 0, 0, 1], 10, SPLIT_GLYPHS.unicode)).toBe(`${kept!.repeat(9)}${opq}`);
  });

  it('nothing to split is blank', () => {
    expect(splitBar([0, 0, 0, 0], 6, SPLIT_GLYPHS.unicode)).toBe('      ');
  });
});
