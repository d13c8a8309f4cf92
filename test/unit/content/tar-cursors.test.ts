// TarCursors keeps one decompression per layer open between reads: reads that go forward cost one pass
// over the blob (they cost one pass each before, which made a big file's read quadratic), a read that
// goes back starts over, and a read while the cursor is busy gets a pass of its own. The data is
// gzip of known bytes; expected ranges are cut from those bytes.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { BlobBytes } from '../../../src/io/content/compressed-range.js';
import { TarCursors } from '../../../src/io/content/tar-cursors.js';

const data = Buffer.alloc(4 << 20);
for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 9)) & 0xff;
const gz = gzipSync(data);

function counted(): { source: BlobBytes; passes: () => number } {
  let passes = 0;
  const source: BlobBytes = async function* () {
    passes++;
    for (let at = 0; at < gz.length; at += 64 << 10) yield gz.subarray(at, at + (64 << 10));
  };
  return { source, passes: () => passes };
}

describe('TarCursors', () => {
  it('reads a layer front to back, 1 MiB at a time, in one pass', async () => {
    const cursors = new TarCursors();
    const { source, passes } = counted();
    const parts: Buffer[] = [];
    for (let at = 0; at < data.length; at += 1 << 20) parts.push(await cursors.read(0, { source, compression: 'gzip' }, at, 1 << 20));
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    expect(passes()).toBe(1);
    cursors.close();
  });

  it('starts over for a read behind the cursor, and reads past the end short', async () => {
    const cursors = new TarCursors();
    const { source, passes } = counted();
    const blob = { source, compression: 'gzip' } as const;
    expect((await cursors.read(0, blob, 3 << 20, 10)).equals(data.subarray(3 << 20, (3 << 20) + 10))).toBe(true);
    expect((await cursors.read(0, blob, 100, 10)).equals(data.subarray(100, 110))).toBe(true);
    expect(passes()).toBe(2);
    expect((await cursors.read(0, blob, data.length - 4, 100)).equals(data.subarray(data.length - 4))).toBe(true);
    expect(passes()).toBe(2);
    cursors.close();
  });

  it('gives two reads at once of one layer their own bytes', async () => {
    const cursors = new TarCursors();
    const { source, passes } = counted();
    const blob = { source, compression: 'gzip' } as const;
    const [a, b] = await Promise.all([cursors.read(0, blob, 2 << 20, 1000), cursors.read(0, blob, 5, 1000)]);
    expect(a.equals(data.subarray(2 << 20, (2 << 20) + 1000))).toBe(true);
    expect(b.equals(data.subarray(5, 1005))).toBe(true);
    expect(passes()).toBe(2);
    cursors.close();
  });
});
