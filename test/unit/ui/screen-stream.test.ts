import { EventEmitter } from 'node:events';
import { expect, test } from 'vitest';
import { screenStream } from '../../../src/cli/explore/screen-stream.js';

const REPAINT = '\x1b[2J\x1b[3J\x1b[H'; // what Ink writes before a frame as tall as the terminal
const fakeTerminal = (columns = 80, rows = 3) => {
  const written: unknown[] = [];
  const fake = Object.assign(new EventEmitter(), {
    columns,
    rows,
    isTTY: true,
    write: (c: unknown) => {
      written.push(c);
      return true;
    },
  });
  return { fake, written, screen: screenStream(fake as unknown as NodeJS.WriteStream) };
};

test('ESC[3J never reaches the terminal; everything else passes through, events included', () => {
  const { fake, written, screen } = fakeTerminal(80, 24);
  screen.write(`${REPAINT}frame`);
  screen.write(Buffer.from('raw'));
  screen.write('a\x1b[3Jb');
  expect(written).toEqual(['\x1b[2J\x1b[Hframe', Buffer.from('raw'), 'ab']);
  expect([screen.columns, screen.rows, screen.isTTY]).toEqual([80, 24, true]);
  let resized = 0;
  screen.on('resize', () => resized++);
  fake.emit('resize');
  expect(resized).toBe(1);
});

test('a repaint after a whole frame is on the screen sends only the rows that changed', () => {
  const { written, screen } = fakeTerminal();
  screen.write(`${REPAINT}a\nb\nc`);
  screen.write('\x1b[?2026h'); // synchronized-output marks leave the screen as drawn
  screen.write(`${REPAINT}a\nB\nc`);
  screen.write('\x1b[?2026l');
  expect(written).toEqual(['\x1b[2J\x1b[Ha\nb\nc', '\x1b[?2026h', '\x1b[2;1H\x1b[2KB\x1b[3;1H', '\x1b[?2026l']);
});

test('after any other write, or at a new terminal size, the next frame is repainted whole', () => {
  const { fake, written, screen } = fakeTerminal();
  screen.write(`${REPAINT}a\nb\nc`);
  screen.write('\x1b[2K\x1b[1A'); // Ink's own line erase: the screen is no longer the frame
  screen.write(`${REPAINT}a\nB\nc`);
  fake.columns = 100;
  screen.write(`${REPAINT}a\nB\nC`);
  screen.write(`${REPAINT}a\nb\nC`);
  expect(written.slice(2)).toEqual(['\x1b[2J\x1b[Ha\nB\nc', '\x1b[2J\x1b[Ha\nB\nC', '\x1b[2;1H\x1b[2Kb\x1b[3;1H']);
});

test('a frame taller than the terminal is repainted whole (it scrolled: rows are not where they were)', () => {
  const { written, screen } = fakeTerminal(80, 2);
  screen.write(`${REPAINT}a\nb\nc`);
  screen.write(`${REPAINT}a\nB\nc`);
  expect(written[1]).toBe('\x1b[2J\x1b[Ha\nB\nc');
});
