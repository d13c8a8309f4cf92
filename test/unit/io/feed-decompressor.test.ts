// feedDecompressor writes a chunk only once the one before it was taken, which is what lets an archive's
// compressed blobs be read into reused buffers (file-range.ts); a failing source fails the reader; a
// reader that stops early stops the source.
import { Transform } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressorFor } from '../../../src/io/archive/decompress.js';
import { feedDecompressor } from '../../../src/io/archive/feed-decompressor.js';
import { prng } from '../../helpers/prng.js';

/** A pass-through that takes each chunk one event-loop turn after it is written. */
function slowTaker(taken: number[]): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      setImmediate(() => {
        taken.push(chunk[0]!);
        done(null, chunk);
      });
    },
  });
}

async function drain(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

describe('feedDecompressor', () => {
  it('asks for the next chunk only once the decompressor has taken the last', async () => {
    const taken: number[] = [];
    const askedWhenTaken: number[] = [];
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 6; i++) {
        askedWhenTaken.push(taken.length);
        yield Buffer.from([i, i, i]);
      }
    }
    const out = slowTaker(taken);
    feedDecompressor(source(), out);
    expect([...(await drain(out))]).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5]);
    // Chunk i was asked for when i chunks had been taken: never one ahead.
    expect(askedWhenTaken).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('inflates what it is fed, the same bytes as in one piece', async () => {
    const next = prng(5);
    const plain = Buffer.from(Array.from({ length: 300_000 }, () => Math.floor(next() * 16)));
    const gz = gzipSync(plain);
    expect(gz.length).toBeGreaterThan(100_000);
    async function* pieces(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < gz.length; at += 4096) yield gz.subarray(at, at + 4096);
    }
    const gunzip = decompressorFor('gzip')!;
    feedDecompressor(pieces(), gunzip);
    const out = await drain(gunzip);
    expect(out.length).toBe(plain.length);
    expect(out.equals(plain)).toBe(true);
  });

  it("a failing source fails the decompressor's reader with its error", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('abc');
      throw new Error('Unexpected end of data');
    }
    const out = slowTaker([]);
    feedDecompressor(failing(), out);
    await expect(drain(out)).rejects.toThrow('Unexpected end of data');
  });

  it('a reader that stops early stops the source', async () => {
    let given = 0;
    let finished = false;
    async function* long(): AsyncGenerator<Uint8Array> {
      try {
        for (; given < 10_000; given++) yield Buffer.from([given % 256]);
      } finally {
        finished = true;
      }
    }
    const out = slowTaker([]);
    feedDecompressor(long(), out);
    let seen = 0;
    for await (const _ of out) if (++seen === 3) break;
    expect(out.destroyed).toBe(true);
    // The feeder's pending write calls back refused; the source is then returned, not read on.
    await new Promise<void>((resolve) => {
      const check = (): void => (finished ? resolve() : void setImmediate(check));
      check();
    });
    expect(given).toBeLessThan(6);
  });
});
