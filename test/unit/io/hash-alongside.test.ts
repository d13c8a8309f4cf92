// `--json` and `--ci` with a layer cache: a large plain layer is hashed on the worker thread while this
// thread parses it; the fill that keeps it is handed over at once. Small or compressed layers hash inline.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import type { DeferredFill } from '../../../src/io/archive/deferred-fill.js';
import { MIN_WORKER_BYTES } from '../../../src/io/archive/hash-plan.js';
import { stopHashWorker } from '../../../src/io/archive/hash-worker.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import { LayerStore } from '../../../src/io/store/layer-store.js';
import { ParsedLayerCache } from '../../../src/io/store/parsed-cache.js';
import { SAMPLE } from './sample-spec.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-alongside-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(() => stopHashWorker());

// SAMPLE with a layer big enough for the worker on top (the plan gives it the worker, the rest stay here).
const big: ImageSpec = {
  ...SAMPLE,
  layers: [...SAMPLE.layers, { command: 'RUN big', entries: [{ path: 'data/blob', size: MIN_WORKER_BYTES + 4096 }] }],
};
const layers = big.layers.length;
const cacheIn = (root: string) => new ParsedLayerCache(new LayerStore(root, 1 << 30));
const kept = (root: string): string[] => {
  try {
    return readdirSync(join(root, 'entries', 'sha256'));
  } catch {
    return [];
  }
};

async function readAlongside(spec: ImageSpec, compression?: 'gzip') {
  const file = join(dir, 'image.tar');
  const archive = compression ? writeImageArchive(spec, 'oci-archive', { compression }) : writeImageArchive(spec, 'docker-legacy');
  writeFileSync(file, archive);
  const root = join(dir, 'cache');
  const fills: DeferredFill[] = [];
  const cache = cacheIn(root);
  await readArchiveFile(file, archive.length, { layerCache: cache, hashAlongside: (fill) => fills.push(fill) });
  return { file, size: archive.length, root, fills };
}

const runAll = (fills: DeferredFill[]) => Promise.all(fills.map((f) => f(new AbortController().signal)));

describe('layers hashed alongside the parse', () => {
  it('the large plain layer is handed over as a fill, the small ones are kept by the read; a warm read parses none', async () => {
    const { file, size, root, fills } = await readAlongside(big);
    expect(fills).toHaveLength(1);
    expect(kept(root)).toHaveLength(layers - 1);
    expect(await runAll(fills)).toEqual([true]);
    expect(kept(root)).toHaveLength(layers);
    const warm = cacheIn(root);
    await readArchiveFile(file, size, { layerCache: warm });
    expect(warm.stats).toEqual({ parsed: 0, recalled: layers });
  });

  it('a large layer whose bytes are not the diff id its config claims is not kept', async () => {
    const liar = `sha256:${'d'.repeat(64)}`;
    const lying: ImageSpec = { ...big, layers: big.layers.map((l, i) => (i === layers - 1 ? { ...l, diffId: liar } : l)) };
    const { root, fills } = await readAlongside(lying);
    expect(await runAll(fills)).toEqual([false]);
    expect(kept(root)).toHaveLength(layers - 1);
    expect(kept(root)).not.toContain('d'.repeat(64));
  });

  it('compressed layers are hashed as they are read: no fill is handed over, every layer is kept', async () => {
    const { root, fills } = await readAlongside(big, 'gzip');
    expect(fills).toHaveLength(0);
    expect(kept(root)).toHaveLength(layers);
  });
});
