// The sha256 of part of a file, on the worker thread: expected values from node:crypto on the same bytes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashFileRange, stopHashWorker } from '../../../src/io/archive/hash-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'ls-hash-worker-'));
afterAll(async () => {
  await stopHashWorker();
  rmSync(dir, { recursive: true, force: true });
});
const sha = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

// 2.5 MiB and a bit: ranges crossing the worker's 1 MiB chunks, and ending mid-chunk.
const bytes = randomBytes((5 << 19) + 12345);
const file = join(dir, 'data');
writeFileSync(file, bytes);

describe('hashFileRange', () => {
  it.each([
    ['the whole file', 0, bytes.length],
    ['a range across chunks', 1000, (2 << 20) + 7],
    ['a range inside one chunk', 77, 512],
    ['an empty range', 10, 0],
  ])('%s', async (_name, offset, length) => {
    expect(await hashFileRange(file, offset, length)).toBe(sha(bytes.subarray(offset, offset + length)));
  });

  it('several ranges at once each get their own answer', async () => {
    const ranges = [0, 1, 2, 3].map((i) => [i * 500_000, 600_000] as const);
    const digests = await Promise.all(ranges.map(([o, n]) => hashFileRange(file, o, n)));
    expect(digests).toEqual(ranges.map(([o, n]) => sha(bytes.subarray(o, o + n))));
  });

  it('a range past the end of the file is an error, not a digest of fewer bytes', async () => {
    await expect(hashFileRange(file, bytes.length - 10, 20)).rejects.toThrow(/ended before the range/);
  });

  it('a missing file is an error', async () => {
    await expect(hashFileRange(join(dir, 'absent'), 0, 1)).rejects.toThrow(/ENOENT/);
  });

  it('an abort rejects with its reason, and the next range is still answered', async () => {
    const stop = new AbortController();
    const pending = hashFileRange(file, 0, bytes.length, stop.signal);
    stop.abort(new Error('closed'));
    await expect(pending).rejects.toThrow('closed');
    expect(await hashFileRange(file, 0, 100)).toBe(sha(bytes.subarray(0, 100)));
  });
});
