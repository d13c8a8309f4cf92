import { describe, expect, it } from 'vitest';
import { stringifySafeJson } from '../../../src/presentation/safe-json.js';

// Bytes a terminal acts on, in the UTF-8 text of a document: C0 but LF (indentation), DEL, C1 (as the
// two UTF-8 bytes C2 80..C2 9F, i.e. U+0080..U+009F), bidi controls, line separators, BOM.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/;

describe('stringifySafeJson', () => {
  const hostile = {
    tag: 'a\x1b]52;c;ZXZpbA==\x07\x1b]0;t\x07\u009b2J\x7f\r\n',
    bidi: 'x\u202Etxt.exe\u2066\u2028\ufeff',
    bytes: 'n\udcff\udc80',
    ok: 'café 日本語 😀 \\ "q"',
  };

  it('parses back to exactly the same values', () => {
    expect(JSON.parse(stringifySafeJson(hostile, 2))).toEqual(hostile);
    expect(JSON.parse(stringifySafeJson(hostile))).toEqual(hostile);
  });

  it('holds no character a terminal acts on, and writes them as \\u escapes', () => {
    const text = stringifySafeJson(hostile, 2);
    expect(text).not.toMatch(UNSAFE);
    // Checked by hand: the C1 CSI, DEL and the RLO as JSON escapes (JSON.stringify alone writes them raw).
    expect(text).toContain('\\u009b2J\\u007f\\r\\n');
    expect(text).toContain('x\\u202etxt.exe\\u2066\\u2028\\ufeff');
    expect(JSON.stringify(hostile)).toMatch(UNSAFE);
  });

  it('leaves ordinary text, emoji and the indentation as JSON.stringify writes them', () => {
    const plain = { a: ['café', '😀'], b: 1 };
    expect(stringifySafeJson(plain, 2)).toBe(JSON.stringify(plain, null, 2));
  });
});
