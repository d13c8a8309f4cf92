// The streamed document must be the very bytes JSON.stringify(value, null, 2) writes (escaped as
// stringifySafeJson escapes them): the reference is Node's own JSON.stringify, never the code under test.
import { describe, expect, it } from 'vitest';
import { analyzeImage } from '../../../src/core/index.js';
import { exportJson } from '../../../src/presentation/json-export.js';
import { safeJsonChunks } from '../../../src/presentation/json-chunks.js';
import { buildModel } from '../../helpers/model-builder.js';

const reference = (value: unknown): string => JSON.stringify(value, null, 2);

describe('safeJsonChunks', () => {
  const awkward = {
    empty: [],
    emptyObject: {},
    onlyUnwritable: { a: undefined, f: () => 1, list: [] },
    nested: [[], [[1, [2, {}]]], { in: [{ deep: ['x', null, undefined, () => 0, Symbol('s')] }] }],
    skipped: undefined,
    fn: () => 2,
    numbers: [0, -0, 1.5e300, NaN, Infinity],
    date: new Date(Date.UTC(2026, 11, 2)),
    withToJson: { toJSON: () => ['from', 'toJSON'] },
    noProto: Object.assign(Object.create(null) as Record<string, unknown>, { list: [1, 2] }),
    text: 'quote " backslash \\ newline \n tab \t café 😀',
    'key with "quotes"': [{ a: [1] }],
    // Long enough to be written in slices; some members hold long arrays of their own, some do not.
    long: Array.from({ length: 300 }, (_, i) =>
      i % 50 === 7
        ? { i, deep: { list: Array.from({ length: 80 }, (_, k) => [k, undefined]) } }
        : i % 3
          ? { i, tags: ['a'] }
          : [i, undefined, null],
    ),
  };

  it('writes exactly what JSON.stringify writes, whatever the piece size', () => {
    for (const size of [1, 7, 64, 1 << 16]) {
      const pieces = [...safeJsonChunks(awkward, size)];
      expect(pieces.join('')).toBe(reference(awkward));
      if (size === 1) expect(pieces.length).toBeGreaterThan(20);
      if (size === 1 << 16) expect(pieces.length).toBe(1);
    }
    expect([...safeJsonChunks([])].join('')).toBe('[]');
    expect([...safeJsonChunks({ list: [] })].join('')).toBe(reference({ list: [] }));
  });

  it('escapes what a terminal would act on, as stringifySafeJson does', () => {
    const hostile = { names: ['a\x1b]0;t\x07', 'x\u202Etxt', 'n\udcff', 'ok 日本'] };
    const text = [...safeJsonChunks(hostile, 1)].join('');
    expect(text).toContain('"a\\u001b]0;t\\u0007"');
    expect(text).toContain('"x\\u202etxt"');
    expect(text).toContain('"n\\udcff"');
    expect(text).toContain('"ok 日本"');
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it('writes a whole --json export the way it was written as one string', () => {
    const image = buildModel([
      { command: 'ADD base', entries: Array.from({ length: 300 }, (_, i) => ({ path: `d${i % 7}/f${i}`, size: 10 + i })) },
      { command: 'RUN change', entries: Array.from({ length: 200 }, (_, i) => ({ path: `d${i % 7}/f${i}`, size: 99, hash: `n${i}` })) },
      { command: 'RUN rm', entries: [{ path: 'd1/.wh.f8', kind: 'whiteout' }] },
    ]);
    const doc = exportJson(image, analyzeImage(image), { includeFiles: true });
    expect(doc.wasteReasons.length).toBeGreaterThan(100);
    expect([...safeJsonChunks(doc, 4096)].join('')).toBe(reference(doc));
  });
});
