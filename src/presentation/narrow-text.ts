// Text whose width in terminal columns is its length, without segmenting it into graphemes: printable
// ASCII and the symbols the explorer draws with (box drawing, blocks, geometric shapes, arrows, Latin-1,
// punctuation such as '…'). Every code point here is one column by string-width's own rules (the
// library Ink measures text with) and forms no cluster with a neighbour (no mark, joiner, prepend,
// Hangul or emoji presentation); test/unit/presentation/narrow-text.test.ts checks both against the
// library and Intl.Segmenter. Why: string-width's fast path is printable ASCII only, and every other
// string takes its slow path, whose first call compiles a \p{RGI_Emoji} expression (44 ms here) and then
// costs ~70 µs a row; and the first Intl.Segmenter made loads ICU's break data (27 ms). The bundle puts
// these in front of both (scripts/bundle.mjs).
export const NARROW_TEXT =
  /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u00FF\u2010-\u2027\u2030-\u205E\u2190-\u2319\u231C-\u2328\u232B-\u23E8\u23ED-\u23EF\u23F1-\u23F2\u23F4-\u23FF\u2500-\u25FC\u25FF]*$/;

/** Narrow text with terminal escape sequences in it (ESC is a grapheme of its own, as a control). */
export const NARROW_OR_ESCAPE = new RegExp(`^[\\u001B${NARROW_TEXT.source.slice(2)}`);

interface CodeUnitSegment {
  segment: string;
  index: number;
  input: string;
}

/**
 * What `new Intl.Segmenter().segment(input)` gives for text NARROW_OR_ESCAPE admits, where every code unit
 * is a grapheme: the segments and `containing`. Self-contained: the bundle copies its source.
 */
export function codeUnitSegments(input: string): Iterable<CodeUnitSegment> & { containing(index?: number): CodeUnitSegment | undefined } {
  const at = (index: number): CodeUnitSegment => ({ segment: input[index]!, index, input });
  return {
    containing: (index) => {
      const i = Math.trunc(Number(index) || 0);
      return i >= 0 && i < input.length ? at(i) : undefined;
    },
    *[Symbol.iterator]() {
      for (let index = 0; index < input.length; index++) yield at(index);
    },
  };
}
