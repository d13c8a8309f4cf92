import { describe, expect, test } from 'vitest';
import { displayText, gutter, hexRow, looksBinary, wrapRows } from '../../../src/presentation/content-lines.js';

const bytes = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));

describe('hexRow (expected rows printed by `hexdump -C` on the same bytes)', () => {
  const data = bytes('Hello, world\n\x00\x01\xff\x1b[31mABCDEFGHIJKLMNOPQRSTUVWXYZ');
  test.each([
    [0, '00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 01 ff  |Hello, world....|'],
    [16, '00000010  1b 5b 33 31 6d 41 42 43  44 45 46 47 48 49 4a 4b  |.[31mABCDEFGHIJK|'],
    [32, '00000020  4c 4d 4e 4f 50 51 52 53  54 55 56 57 58 59 5a     |LMNOPQRSTUVWXYZ|'],
  ])('row at %d', (offset, row) => expect(hexRow(offset, data.subarray(offset, offset + 16))).toBe(row));
});

describe('displayText: content escaped exactly like names', () => {
  test('ESC sequences, OSC 52, C1 and bidi overrides are shown as escapes', () => {
    expect(displayText(bytes('red \x1b[31mX\x1b[0m\n'))).toBe('red \\x1b[31mX\\x1b[0m');
    expect(displayText(bytes('\x1b]52;c;cHduZWQ=\x07'))).toBe('\\x1b]52;c;cHduZWQ=\\x07');
    expect(displayText(bytes('a\x9b2Jb\r\n'))).toBe('a\\x9b2Jb\\x0d');
    // The same C1 controls as UTF-8 (C2 9B, C2 9D): CSI and OSC to xterm-like terminals.
    expect(displayText(new TextEncoder().encode('a\u009b2J\u009d0;t\u009c\n'))).toBe('a\\x9b2J\\x9d0;t\\x9c');
    expect(displayText(new TextEncoder().encode('if (x) \u202e} else {\n'))).toBe('if (x) \\u{202e}} else {');
  });
  test('invalid UTF-8 bytes show as \\xNN, valid UTF-8 as itself', () => {
    expect(displayText(Uint8Array.from([0x61, 0xff, 0xc3, 0xa9, 0xc3, 0x0a]))).toBe('a\\xffé\\xc3');
  });
  test('tabs expand to 8-column stops; a backslash is doubled as in names', () => {
    expect(displayText(bytes('a\tb\\n'))).toBe('a       b\\\\n');
  });
});

describe('looksBinary', () => {
  test('a NUL anywhere in the head is binary', () => expect(looksBinary(bytes('text\x00text'))).toBe(true));
  test('text with a few escapes and accents is text', () => {
    expect(looksBinary(new TextEncoder().encode('\x1b[1mbold\x1b[0m café\n'.repeat(50)))).toBe(false);
  });
  test('mostly invalid UTF-8 is binary', () => expect(looksBinary(Uint8Array.from({ length: 100 }, (_, i) => 0x80 + (i % 60)))).toBe(true));
  test('a UTF-8 character cut at the 8 KB boundary does not count', () => {
    const head = new TextEncoder().encode('é'.repeat(5000)).subarray(0, 8191);
    expect(looksBinary(head)).toBe(false);
  });
  test('empty is text', () => expect(looksBinary(new Uint8Array(0))).toBe(false));
});

describe('gutter and wrapRows', () => {
  test('gutter right-aligns the number, blank for a continuation', () => {
    expect(gutter(7, 4)).toBe('   7 │ ');
    expect(gutter(undefined, 4)).toBe('     │ ');
  });
  test('wrapRows cuts by characters', () => {
    expect(wrapRows('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(wrapRows('ab', 3)).toEqual(['ab']);
    expect(wrapRows('😀😀😀', 2)).toEqual(['😀😀', '😀']);
  });
});
