// Ink's (input, key) pair → the key spec the keymap uses ('ctrl+f', 'pgdn', 'G', '?').
import type { Key } from 'ink';

export function keySpecOf(input: string, key: Key): string | undefined {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pgup';
  if (key.pageDown) return 'pgdn';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.escape) return 'esc';
  if (key.return) return 'enter';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl) {
    // Ctrl+Space sends NUL, which Ink reports as ctrl + '`' (and some terminals as ctrl + '@').
    if (input === '`' || input === '@' || input === ' ' || input === 'space') return 'ctrl+space';
    if (/^[a-z]$/.test(input)) return `ctrl+${input}`;
    return undefined;
  }
  if (input === ' ') return 'space';
  if (key.meta) return undefined;
  return [...input].length === 1 ? input : undefined;
}

/** Key spec of one character of a string that arrived in one piece (keys typed faster than read). */
export function keySpecOfChar(ch: string): string | undefined {
  const code = ch.codePointAt(0)!;
  if (ch === '\t') return 'tab';
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\x7f' || ch === '\b') return 'backspace';
  if (ch === '\x1b') return 'esc';
  if (ch === ' ') return 'space';
  if (code === 0) return 'ctrl+space';
  if (code >= 1 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return undefined;
  return ch;
}
