// Ink repaints a full-height app with "clear terminal", whose ESC[3J also erases the scrollback — and
// on most terminals that is the *normal* screen's scrollback, so quitting the explorer would leave
// the user's history wiped. This view of stdout drops ESC[3J and passes everything else through.

const CLEAR_SCROLLBACK = '\x1b[3J';

export function withoutScrollbackClear(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' && chunk.includes(CLEAR_SCROLLBACK) ? chunk.split(CLEAR_SCROLLBACK).join('') : chunk;
    return (stdout.write as (...args: unknown[]) => boolean)(text, ...rest);
  };
  return new Proxy(stdout, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
