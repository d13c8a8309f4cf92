// The off-thread diff id hash against sha256sum (coreutils) of the same bytes: layers that stay in the
// buffers (hashed on this thread) and layers that go through the worker, cut into chunks of odd sizes.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { diffIdHasher } from '../../../src/io/archive/diff-id-hasher.js';
import { prng } from '../../helpers/prng.js';

const MiB = 1 << 20;

function bytesOf(length: number, seed: number): Buffer {
  const next = prng(seed);
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

const sha256sum = (data: Buffer): string => `sha256:${execFileSync('sha256sum', { input: data }).toString().split(' ')[0]}`;

async function hashInChunks(data: Buffer, chunkSizes: readonly number[]): Promise<string> {
  const hasher = diffIdHasher();
  for (let at = 0, i = 0; at < data.length; i++) {
    const n = chunkSizes[i % chunkSizes.length]!;
    const waiting = hasher.update(data.subarray(at, at + n));
    if (waiting) await waiting;
    at += n;
  }
  return hasher.digest();
}

describe('diffIdHasher', () => {
  it.each([
    ['nothing', 0, [1]],
    ['a small layer, one chunk', 1000, [4096]],
    ['a layer that fills the buffers exactly', 3 * MiB, [MiB]],
    ['one byte past the buffers (the worker starts)', 3 * MiB + 1, [MiB]],
    ['12 MiB in odd chunks (buffers go round the worker several times)', 12 * MiB + 77, [65_537, 1_500_000, 3]],
  ])('%s', async (_name, length, chunks) => {
    const data = bytesOf(length, length + 1);
    expect(await hashInChunks(data, chunks)).toBe(sha256sum(data));
  });

  it('two layers at once keep their bytes apart', async () => {
    const a = bytesOf(5 * MiB, 1);
    const b = bytesOf(7 * MiB + 3, 2);
    const [ha, hb] = await Promise.all([hashInChunks(a, [MiB / 2]), hashInChunks(b, [777_777])]);
    expect([ha, hb]).toEqual([sha256sum(a), sha256sum(b)]);
  });
});
