// The view of stdout Ink writes the explorer to. Two things change on the way to the terminal:
// - Ink repaints a full-height app with "clear terminal", whose ESC[3J also erases the scrollback — and
//   on most terminals that is the *normal* screen's scrollback, so quitting the explorer would leave the
//   user's history wiped. ESC[3J is dropped.
// - That repaint comes on every key. Once one whole frame is on the screen, the next is written as the
//   rows that changed (src/presentation/screen-rows.ts): a cursor move down one row sends a few hundred
//   bytes instead of the screen. Anything else written, a new terminal size or a frame that changed most
//   rows is a whole repaint again.
import { changedRows } from '../../presentation/screen-rows.js';

const CLEAR_SCROLLBACK = '\x1b[3J';
const CLEAR_SCREEN = '\x1b[2J';
const HOME = '\x1b[H';
const REPAINT = `${CLEAR_SCREEN}${CLEAR_SCROLLBACK}${HOME}`;
// Ink brackets a repaint with these (synchronized output); they leave the screen as it is.
const FRAME_MARKS = new Set(['\x1b[?2026h', '\x1b[?2026l']);

export function screenStream(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  let shown: { rows: readonly string[]; size: string } | undefined;
  const frame = (body: string): string => {
    const rows = body.split('\n');
    const size = `${stdout.columns}x${stdout.rows}`;
    const diff = shown?.size === size && rows.length <= stdout.rows ? changedRows(shown.rows, rows) : undefined;
    shown = { rows, size };
    return diff ?? `${CLEAR_SCREEN}${HOME}${body}`;
  };
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    let out = chunk;
    if (typeof chunk === 'string' && chunk.startsWith(REPAINT)) out = frame(chunk.slice(REPAINT.length));
    else if (typeof chunk !== 'string' || !FRAME_MARKS.has(chunk)) {
      shown = undefined; // the screen is no longer what was last drawn
      if (typeof chunk === 'string' && chunk.includes(CLEAR_SCROLLBACK)) out = chunk.split(CLEAR_SCROLLBACK).join('');
    }
    return (stdout.write as (...args: unknown[]) => boolean)(out, ...rest);
  };
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
