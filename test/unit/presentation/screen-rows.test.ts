import { expect, test } from 'vitest';
import { changedRows } from '../../../src/presentation/screen-rows.js';

const screen = ['title', 'row one', 'row two', 'row three', 'status'];

test('only the changed rows: moved to (1-based row, column 1), erased whole, written', () => {
  const next = ['title', 'row ONE', 'row two', 'row three', 'status'];
  expect(changedRows(screen, next)).toBe('\x1b[2;1H\x1b[2Krow ONE\x1b[5;1H');
});

test('the cursor ends on the last row: left there when the last row was written, moved there otherwise', () => {
  const next = ['title', 'row one', 'row two', 'row three', 'status: 2'];
  expect(changedRows(screen, next)).toBe('\x1b[5;1H\x1b[2Kstatus: 2');
});

test('nothing changed: the cursor goes to the last row and nothing is written', () => {
  expect(changedRows(screen, [...screen])).toBe('\x1b[5;1H');
});

test('two of five rows changed: written in order from the top; three of five: a full repaint', () => {
  const two = ['title', 'a', 'row two', 'b', 'status'];
  expect(changedRows(screen, two)).toBe('\x1b[2;1H\x1b[2Ka\x1b[4;1H\x1b[2Kb\x1b[5;1H');
  expect(changedRows(screen, ['title', 'a', 'b', 'c', 'status'])).toBeUndefined();
});

test('another height, or an empty frame: a full repaint', () => {
  expect(changedRows(screen, screen.slice(0, 4))).toBeUndefined();
  expect(changedRows(screen, [...screen, 'more'])).toBeUndefined();
  expect(changedRows([], [])).toBeUndefined();
});

test("a row's own escapes are written as they are (Ink closes every row's styles itself)", () => {
  const styled = '\x1b[7mcursor\x1b[27m';
  expect(changedRows(['x', 'y', 'z'], ['x', styled, 'z'])).toBe(`\x1b[2;1H\x1b[2K${styled}\x1b[3;1H`);
});
