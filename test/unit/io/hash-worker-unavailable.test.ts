// No worker thread to be had (a process at its thread limit): the read still succeeds, and the layer the
// worker would have hashed is only not kept in the cache.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import type { DeferredFill } from '../../../src/io/archive/deferred-fill.js';
import { hashFileRange } from '../../../src/io/archive/hash-worker.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import { LayerStore } from '../../../src/io/store/layer-store.js';
import { ParsedLayerCache } from '../../../src/io/store/parsed-cache.js';
import { SAMPLE } from './sample-spec.js';

// The worker's least share, lowered from its default of 256 MiB (hash-plan.ts) so that the layers here stay small.
const WORKER_MIN = 32 * 1024 * 1024;

vi.mock('node:worker_threads', () => ({
  Worker: class {
    constructor() {
      throw Object.assign(new Error('Resource temporarily unavailable'), { code: 'EAGAIN' });
    }
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'ls-no-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('no worker thread', () => {
  it('hashFileRange rejects rather than throws', async () => {
    const pending = hashFileRange(join(dir, 'x'), 0, 1);
    await expect(pending).rejects.toThrow(/temporarily unavailable/);
  });

  it('the read succeeds; the large layer is not kept, the others are', async () => {
    const spec = {
      ...SAMPLE,
      layers: [...SAMPLE.layers, { command: 'RUN big', entries: [{ path: 'data/blob', size: WORKER_MIN + 4096 }] }],
    };
    const archive = writeImageArchive(spec, 'docker-legacy');
    const file = join(dir, 'image.tar');
    writeFileSync(file, archive);
    const fills: DeferredFill[] = [];
    const cache = new ParsedLayerCache(new LayerStore(join(dir, 'cache'), 1 << 30));
    const image = await readArchiveFile(file, archive.length, {
      layerCache: cache,
      hashAlongside: (fill) => fills.push(fill),
      hashWorkerMinBytes: WORKER_MIN,
    });
    expect(image.layers).toHaveLength(spec.layers.length);
    expect(await Promise.all(fills.map((f) => f(new AbortController().signal)))).toEqual([false]);
    expect(readdirSync(join(dir, 'cache', 'entries', 'sha256'))).toHaveLength(spec.layers.length - 1);
  });
});
