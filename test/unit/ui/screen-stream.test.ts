import { EventEmitter } from 'node:events';
import { expect, test } from 'vitest';
import { withoutScrollbackClear } from '../../../src/cli/explore/screen-stream.js';

test('ESC[3J never reaches the terminal; everything else passes through, events included', () => {
  const written: unknown[] = [];
  const fake = Object.assign(new EventEmitter(), {
    columns: 80,
    rows: 24,
    isTTY: true,
    write: (c: unknown) => {
      written.push(c);
      return true;
    },
  });
  const screen = withoutScrollbackClear(fake as unknown as NodeJS.WriteStream);
  screen.write('\x1b[2J\x1b[3J\x1b[Hframe');
  screen.write(Buffer.from('raw'));
  expect(written).toEqual(['\x1b[2J\x1b[Hframe', Buffer.from('raw')]);
  expect([screen.columns, screen.rows, screen.isTTY]).toEqual([80, 24, true]);
  let resized = 0;
  screen.on('resize', () => resized++);
  fake.emit('resize');
  expect(resized).toBe(1);
});
