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
