import { describe, expect, test } from 'vitest';
import { decodeName } from '../../../src/core/names.js';
import { escapeName } from '../../../src/presentation/escape-name.js';
import { formatBytes, formatPercent } from '../../../src/presentation/format-bytes.js';

describe('formatBytes (SI units, like dive)', () => {
  test.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1234, '1.2 kB'],
    [9949, '9.9 kB'],
    [9960, '10 kB'],
    [45_000_000, '45 MB'],
    [1_500_000_000, '1.5 GB'],
    [-1, '?'],
    [Number.NaN, '?'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
  test('percent', () => expect(formatPercent(0.95123)).toBe('95.12 %'));
});

describe('escapeName', () => {
  test('leaves ordinary names, spaces, accents and emoji alone', () => {
    for (const name of ['bin', 'my file.txt', 'café', '日本語', '😀.png']) expect(escapeName(name)).toBe(name);
  });
  test('escapes control characters and escape sequences', () => {
    expect(escapeName('evil\x1b[31mred\x07')).toBe('evil\\x1b[31mred\\x07');
    expect(escapeName('a\nb\tc\rd\x7f')).toBe('a\\x0ab\\x09c\\x0dd\\x7f');
    expect(escapeName('c1\u009b2J')).toBe('c1\\x9b2J');
  });
  test('shows bytes that were not UTF-8 as \\xNN (surrogate escapes from names.ts)', () => {
    const name = decodeName(Uint8Array.from([0x61, 0xff, 0x62, 0xc3]));
    expect(escapeName(name)).toBe('a\\xffb\\xc3');
  });
  test('escapes bidi overrides and lone surrogates outside the escape range, and the backslash itself', () => {
    expect(escapeName('abc\u202Etxt.exe')).toBe('abc\\u{202e}txt.exe');
    expect(escapeName('x\ud800y')).toBe('x\\u{d800}y');
    expect(escapeName('a\\x1b')).toBe('a\\\\x1b');
  });
  test('nothing printed contains a raw control character', () => {
    let all = '';
    for (let c = 0; c < 0x100; c++) all += String.fromCharCode(c);
    // eslint-disable-next-line no-control-regex
    expect(escapeName(all)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
