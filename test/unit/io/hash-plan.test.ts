// Which layers the worker hashes: worked out by hand from the costs in hash-plan.ts (parse 0.7, worker
// hash 1.3, this thread's hash 1, in units of hashing a byte here). The split is checked with a least
// share of 32 MiB (LAYERSCOPE_HASH_WORKER_MIN=32M); the default, 256 MiB, at the end.
import { describe, expect, it } from 'vitest';
import { layersForWorker, MIN_WORKER_BYTES } from '../../../src/io/archive/hash-plan.js';

const MB = 1024 * 1024;
const plain = (mb: number) => ({ bytes: mb * MB, compressed: false });
const compressed = (mb: number) => ({ bytes: mb * MB, compressed: true });
const LOW = 32 * MB;

describe('layersForWorker', () => {
  it('the 713 MB fixture: the 524 MB layer to the worker, the others here', () => {
    // here starts at 0.7 × 712 = 498.4. 524: worker 681.2 ≤ here 1022.4, worker.
    // 121: worker 838.5 > here 619.4, here. 67: worker 768.3 > here 686.4, here.
    expect(layersForWorker([plain(121), plain(67), plain(524)], 712 * MB)).toEqual(new Set([2]));
  });

  it('two equal layers: one each', () => {
    // here 0.7 × 243 = 170.1. 122: worker 158.6 ≤ 292.1. 121: worker 315.9 > here 291.1, here.
    expect(layersForWorker([plain(121), plain(122)], 243 * MB, LOW)).toEqual(new Set([1]));
  });

  it('one layer: the worker takes it (here parses it already)', () => {
    // here 0.7 × 100 = 70: worker 130 ≤ 170.
    expect(layersForWorker([plain(100)], 100 * MB, LOW)).toEqual(new Set([0]));
  });

  it('a layer to hash among many parsed (cached layers are not in the jobs): the worker takes it', () => {
    expect(layersForWorker([plain(40)], 700 * MB, LOW)).toEqual(new Set([0]));
  });

  it('compressed blobs all go to the worker, however small, and count in its load', () => {
    expect(layersForWorker([compressed(2), compressed(400), compressed(1)], 403 * MB, LOW)).toEqual(new Set([0, 1, 2]));
    // worker starts at 1.3 × 100 = 130, here at 0.7 × 150 = 105. The plain 50: worker 195 > here 155, here.
    expect(layersForWorker([compressed(100), plain(50)], 150 * MB, LOW)).toEqual(new Set([0]));
  });

  it('less than the least share for the worker: none, no worker is started', () => {
    const justUnder = { bytes: LOW - 1, compressed: false };
    expect(layersForWorker([justUnder], LOW - 1, LOW)).toEqual(new Set());
    expect(layersForWorker([{ ...justUnder, compressed: true }], LOW - 1, LOW)).toEqual(new Set());
    expect(layersForWorker([{ bytes: LOW, compressed: false }], LOW, LOW)).toEqual(new Set([0]));
    expect(layersForWorker([], 0, LOW)).toEqual(new Set());
  });

  it('by default the worker needs 256 MiB: the 713 MB fixture starts it, debian-apt and a 100 MB gzip blob do not', () => {
    expect(MIN_WORKER_BYTES).toBe(256 * MB);
    expect(layersForWorker([plain(121), plain(67), plain(524)], 712 * MB)).toEqual(new Set([2]));
    // debian-apt: the worker's share would be its 122 MB layer (above).
    expect(layersForWorker([plain(121), plain(122)], 243 * MB)).toEqual(new Set());
    expect(layersForWorker([compressed(100)], 100 * MB)).toEqual(new Set());
    expect(layersForWorker([compressed(256)], 256 * MB)).toEqual(new Set([0]));
  });
});
