// Small chunks are gathered into pieces of at least `min` bytes for a decompressor; large ones pass
// uncopied; the bytes and their order never change.
import { describe, expect, it } from 'vitest';
import { coalesceChunks } from '../../../src/io/archive/coalesce-chunks.js';

async function* from(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* chunks;
}
async function collect(chunks: readonly Uint8Array[], min: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of coalesceChunks(from(chunks), min)) out.push(c);
  return out;
}
const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('coalesceChunks', () => {
  it('gathers small chunks into pieces of at least min bytes, the rest last', async () => {
    // 10 chunks of 3 bytes, min 8: 9, 9, 9 (three chunks each reach 9 >= 8), then the last 3.
    const chunks = Array.from({ length: 10 }, (_, i) => bytes(3, i));
    const out = await collect(chunks, 8);
    expect(out.map((c) => c.length)).toEqual([9, 9, 9, 3]);
    expect(Buffer.concat(out)).toEqual(Buffer.concat(chunks));
  });

  it('passes a chunk of min bytes or more as it is, after flushing nothing pending', async () => {
    const big = bytes(16, 7);
    const out = await collect([big, bytes(2, 1), bytes(2, 2), bytes(16, 3)], 8);
    expect(out[0]).toBe(big);
    // 2 + 2 pending, then 16 more: one piece of 20 (the large chunk joins what is pending, in order).
    expect(out.map((c) => c.length)).toEqual([16, 20]);
    expect(Buffer.concat(out)).toEqual(Buffer.concat([big, bytes(2, 1), bytes(2, 2), bytes(16, 3)]));
  });

  it('gives nothing for nothing', async () => {
    expect(await collect([], 8)).toEqual([]);
  });
});
