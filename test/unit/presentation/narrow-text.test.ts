// NARROW_TEXT (src/presentation/narrow-text.ts) lets the bundle answer string-width with a string's
// length: that must be the number string-width itself gives, for every code point the pattern admits
// and for any string made of them, and the rows the explorer draws must be such strings.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { codeUnitSegments, NARROW_OR_ESCAPE, NARROW_TEXT } from '../../../src/presentation/narrow-text.js';
import { prng } from '../../helpers/prng.js';

const admitted: string[] = [];
for (let c = 0; c <= 0x2fff; c++) {
  const ch = String.fromCodePoint(c);
  if (NARROW_TEXT.test(ch)) admitted.push(ch);
}
const segmenter = new Intl.Segmenter();

describe('NARROW_TEXT', () => {
  it('admits only code points string-width measures one column, that form no cluster with a neighbour', () => {
    expect(admitted.length).toBeGreaterThan(1000);
    for (const ch of admitted) {
      const where = `U+${ch.codePointAt(0)!.toString(16)}`;
      expect(stringWidth(ch), where).toBe(1);
      for (const pair of [`a${ch}`, `${ch}a`, `${ch}${ch}`, `${ch}─`, `─${ch}`]) {
        expect([...segmenter.segment(pair)].length, `${where} in '${pair}'`).toBe(2);
        expect(stringWidth(pair), `${where} in '${pair}'`).toBe(2);
      }
    }
  });

  it('string-width gives any string of them its length', () => {
    const next = prng(3);
    for (let i = 0; i < 3000; i++) {
      const length = 1 + Math.floor(next() * 24);
      const text = Array.from({ length }, () => admitted[Math.floor(next() * admitted.length)]!).join('');
      expect(NARROW_TEXT.test(text)).toBe(true);
      expect(stringWidth(text), JSON.stringify(text)).toBe(text.length);
    }
  });

  it('splits into one grapheme per code unit, escape sequences included: codeUnitSegments gives what Intl.Segmenter does', () => {
    const next = prng(4);
    const pieces = [...admitted, '\u001b[1m', '\u001b[22m', '\u001b[38;5;12m', '\u001b[39m', '\u001b[0m'];
    const plain = (s: { segment: string; index: number; input: string } | undefined): unknown =>
      s && { segment: s.segment, index: s.index, input: s.input };
    for (let i = 0; i < 2000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 16) }, () => pieces[Math.floor(next() * pieces.length)]!).join('');
      expect(NARROW_OR_ESCAPE.test(text)).toBe(true);
      const real = segmenter.segment(text);
      const ours = codeUnitSegments(text);
      expect([...ours]).toEqual([...real].map(plain));
      expect([...ours].map((s) => s.segment)).toEqual(text.split(''));
      for (const at of [-1, 0, text.length - 1, text.length, Math.floor(next() * text.length), undefined]) {
        expect(ours.containing(at), `${JSON.stringify(text)} at ${at}`).toEqual(plain(real.containing(at)));
      }
    }
  });

  it('admits the rows the explorer draws, and nothing string-width measures otherwise', () => {
    for (const row of [
      '▶ Layers 1/4',
      '●   1 2.0 MB ███       COPY file:73e2b2d4…',
      '│drwxr-xr-x     0:0  2.0 MB └── bin',
      '├── a ▏ ▕ ░▒▓ ◆ ↑↓ ← →',
    ]) {
      expect(NARROW_TEXT.test(row), row).toBe(true);
    }
    // Wide, zero-width, joining or ambiguous-as-wide text is left to string-width.
    for (const text of ['漢字', 'e\u0301', '👍', 'a\u200db', '\u00ad', '◽', 'x\ty', '\u001b[1m']) {
      expect(NARROW_TEXT.test(text), JSON.stringify(text)).toBe(false);
    }
  });
});
