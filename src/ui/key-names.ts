// Ink's (input, key) pair → the keys it stands for, each with the spec the keymap uses ('ctrl+f', 'pgdn',
// 'G', '?'). Which command a key runs is decided later, by the reducer, against the state of that moment.
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

/** One key: its spec for the keymap, and the text it types (empty for control keys). */
export interface KeyPress {
  readonly spec: string | undefined;
  readonly text: string;
}

/**
 * The keys one Ink input event stands for, in order. Ink hands over a run of plain characters that
 * arrived in one read ("jjj", "/opt\rq", "\t\x02") as one event: that is one key per character. Esc
 * typed just before a character arrives as Alt+character ("\x1bq", "\x1b\x02", "\x1b\r"); no layerscope key uses
 * Alt, so that is the two keys the user pressed. Esc Esc read at once ("\x1b\x1b") reaches us exactly
 * as one Esc does (Ink reports both as escape with meta), so it counts once.
 */
export function keyPresses(input: string, key: Key): KeyPress[] {
  const single: KeyPress = { spec: keySpecOf(input, key), text: key.ctrl || key.meta ? '' : input };
  const chars = [...input];
  // Esc then a Ctrl key ("\x1b\x02") comes as the bare control character, no flag set (a Ctrl key alone
  // comes as ctrl + letter): that Esc counts too.
  const code = input.codePointAt(0) ?? 0x20;
  if (
    chars.length === 1 &&
    code >= 1 &&
    code < 0x20 &&
    code !== 0x1b &&
    !key.ctrl &&
    !key.meta &&
    !key.return &&
    !key.tab &&
    !key.backspace
  ) {
    return [
      { spec: 'esc', text: '' },
      { spec: keySpecOfChar(input), text: '' },
    ];
  }
  // Esc then Enter, Tab or Backspace ("\x1b\r") comes as that key with meta: that Esc counts too.
  // (An arrow with meta may be one Alt+arrow, "\x1b[1;3A": left as the arrow.)
  const escPrefixed = key.return || key.tab || key.backspace || key.delete || single.spec === undefined;
  if (key.meta && !key.escape && escPrefixed && !input.includes('\x1b')) {
    const after = keyPresses(input, { ...key, meta: false });
    if (after.some((p) => p.spec !== undefined || p.text !== '')) return [{ spec: 'esc', text: '' }, ...after];
  }
  if (chars.length <= 1 || single.spec !== undefined || input.includes('\x1b')) return [single];
  return chars.map((ch) => ({ spec: keySpecOfChar(ch), text: ch }));
}
