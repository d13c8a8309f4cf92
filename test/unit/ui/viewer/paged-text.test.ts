import { describe, expect, test } from 'vitest';
import { CACHED_CHUNKS, CHUNK_BYTES, ChunkCache } from '../../../../src/ui/viewer/chunk-cache.js';
import { HexDocument } from '../../../../src/ui/viewer/documents.js';
import { MAX_LINE_BYTES, PagedText } from '../../../../src/ui/viewer/paged-text.js';
import { generatedReader, lineAt, LINE_BYTES, memoryReader } from './fake-content.js';

function textOf(data: string | Uint8Array) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const reader = memoryReader({ '0:1': bytes });
  return { reader, doc: new PagedText(new ChunkCache((s, l) => reader.read(0, 1, s, l), bytes.length)) };
}

describe('PagedText', () => {
  test('numbers lines; the last line needs no newline; tabs and escapes are made safe', async () => {
    const { doc } = textOf('one\ntwo\n\tthree\x1b[2J\nfour');
    expect(await doc.lines(0, 10)).toEqual([
      { text: 'one', number: 1 },
      { text: 'two', number: 2 },
      { text: '        three\\x1b[2J', number: 3 },
      { text: 'four', number: 4 },
    ]);
    expect(doc.lineCount()).toBe(4);
    expect(doc.complete()).toBe(true);
    expect(await doc.lines(2, 1)).toEqual([{ text: '        three\\x1b[2J', number: 3 }]);
  });
  test('an empty file has no lines', async () => {
    const { doc } = textOf('');
    expect(await doc.lines(0, 5)).toEqual([]);
    expect(doc.complete()).toBe(true);
  });
  test(`a line over ${MAX_LINE_BYTES} bytes is cut at a character boundary; the continuation has no number`, async () => {
    // 'a' then 3000 × 'é' (2 bytes each): byte 4096 is the second byte of an 'é', so the cut backs off to 4095.
    const { doc } = textOf(`a${'é'.repeat(3000)}\nnext\n`);
    const lines = await doc.lines(0, 10);
    expect(lines.map((l) => l.number)).toEqual([1, undefined, 2]);
    expect(lines[0]!.text).toBe(`a${'é'.repeat(2047)}`);
    expect(lines[1]!.text).toBe('é'.repeat(953));
    expect(lines[2]!.text).toBe('next');
    // The file has 2 lines, shown as 3: the header counts the file's (a continuation says whose it is).
    expect(lines[1]!.continues).toBe(1);
    expect([doc.lineCount(), doc.fileLineCount()]).toEqual([3, 2]);
  });
  test('a line of 10 000 bytes is three display lines and one file line; a last line without newline counts', async () => {
    const { doc } = textOf(`${'x'.repeat(10_000)}
b
c`);
    await doc.ensure(Infinity);
    expect([doc.lineCount(), doc.fileLineCount()]).toEqual([5, 3]);
    expect((await doc.lines(0, 5)).map((l) => l.number ?? `+${l.continues}`)).toEqual([1, '+1', '+1', 2, 3]);
  });
  test('search is case-insensitive, forwards and backwards, and says -1 past the ends', async () => {
    const { doc } = textOf('alpha\nBeta\ngamma\nbeta again\n');
    expect(await doc.search('beta', 0, 1)).toBe(1);
    expect(await doc.search('beta', 2, 1)).toBe(3);
    expect(await doc.search('BETA', 2, -1)).toBe(1);
    expect(await doc.search('alpha', 1, 1)).toBe(-1);
    expect(await doc.search('delta', 3, -1)).toBe(-1);
  });
});

describe('a 100 MB file is paged, never read whole', () => {
  const size = 100_000_000; // 1,000,000 lines of 100 bytes
  const open = () => {
    const reader = generatedReader(size);
    return { reader, doc: new PagedText(new ChunkCache((s, l) => reader.read(0, 1, s, l), size)) };
  };
  test('the first page costs one read; paging on reads only the next window', async () => {
    const { reader, doc } = open();
    const first = await doc.lines(0, 40);
    expect(first[0]).toEqual({ text: lineAt(1).slice(0, -1), number: 1 });
    expect(first[39]!.number).toBe(40);
    expect(reader.reads).toHaveLength(1);
    // Line 700 starts at byte 69,900: still in the first 64 KiB chunk… line 656 ends it.
    await doc.lines(640, 40);
    expect(reader.reads).toHaveLength(2);
    expect(reader.reads.every((r) => r.length <= CHUNK_BYTES)).toBe(true);
    expect(doc.complete()).toBe(false);
  });
  test('lines already indexed and cached come without waiting; others do not', async () => {
    const { reader, doc } = open();
    await doc.ensure(600);
    const reads = reader.reads.length;
    const cached = doc.linesCached(100, 40);
    expect(cached?.map((l) => l.number)).toEqual(Array.from({ length: 40 }, (_, i) => 101 + i));
    expect(reader.reads).toHaveLength(reads);
    expect(doc.linesCached(590, 40)).toBeUndefined(); // beyond the lines found so far
  });
  test('jumping to the end reads forward in windows; scrolling back re-reads only what the cache dropped', async () => {
    const { reader, doc } = open();
    await doc.ensure(Infinity);
    expect(doc.lineCount()).toBe(1_000_000);
    expect(doc.complete()).toBe(true);
    const last = await doc.lines(999_990, 40);
    expect(last).toHaveLength(10);
    expect(last[9]).toEqual({ text: lineAt(1_000_000).slice(0, -1), number: 1_000_000 });
    expect(Math.max(...reader.reads.map((r) => r.length))).toBeLessThanOrEqual(CHUNK_BYTES);
    // Every chunk read once on the way down (bytes / 64 KiB, rounded up), nothing twice.
    expect(reader.reads).toHaveLength(Math.ceil(size / CHUNK_BYTES));
    const before = reader.reads.length;
    await doc.lines(500_000, 40);
    expect(reader.reads.length - before).toBeLessThanOrEqual(2);
    expect((await doc.lines(500_000, 1))[0]!.number).toBe(500_001);
  });
  test('search finds a line far down and back up, with reads bounded', async () => {
    const { reader, doc } = open();
    expect(await doc.search('000750000 ', 0, 1)).toBe(749_999);
    expect(await doc.search('000000005 ', 60_000, -1)).toBe(4);
    expect(reader.reads.every((r) => r.length <= CHUNK_BYTES)).toBe(true);
  });
  test('closing the viewer stops a walk through the file at its next window', async () => {
    const reader = generatedReader(size);
    const stop = new AbortController();
    const doc = new PagedText(
      new ChunkCache(
        async (s, l) => {
          if (reader.reads.length === 2) stop.abort(); // the viewer closes while the third window is read
          return reader.read(0, 1, s, l);
        },
        size,
        stop.signal,
      ),
    );
    await expect(doc.ensure(Infinity)).rejects.toThrow('closed');
    expect(reader.reads).toHaveLength(3);
  });
  test('the chunk cache holds at most a few windows', async () => {
    const reader = generatedReader(size);
    const cache = new ChunkCache((s, l) => reader.read(0, 1, s, l), size);
    for (let i = 0; i < CACHED_CHUNKS + 4; i++) await cache.bytes(i * CHUNK_BYTES, i * CHUNK_BYTES + 10);
    await cache.bytes(0, 10); // the oldest window was dropped: read again
    expect(reader.reads).toHaveLength(CACHED_CHUNKS + 5);
    await cache.bytes((CACHED_CHUNKS + 3) * CHUNK_BYTES, (CACHED_CHUNKS + 3) * CHUNK_BYTES + 5); // recent: cached
    expect(reader.reads).toHaveLength(CACHED_CHUNKS + 5);
    expect(LINE_BYTES).toBe(100);
  });
});

describe('HexDocument', () => {
  test('rows of 16 bytes from the right offsets', async () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => i);
    const reader = memoryReader({ '0:1': bytes });
    const doc = new HexDocument(new ChunkCache((s, l) => reader.read(0, 1, s, l), bytes.length));
    expect(doc.lineCount()).toBe(3);
    const rows = await doc.lines(1, 5);
    expect(rows.map((r) => r.text)).toEqual([
      '00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  |................|',
      '00000020  20 21 22 23 24 25 26 27                           | !"#$%&\'|',
    ]);
  });
});
