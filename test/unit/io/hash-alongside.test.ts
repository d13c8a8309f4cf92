// `--json` and `--ci` with a layer cache: a large plain layer is hashed on the worker thread while this
// thread parses it; the fill that keeps it is handed over at once. Small or compressed layers hash inline.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import type { DeferredFill } from '../../../src/io/archive/deferred-fill.js';
import { stopHashWorker } from '../../../src/io/archive/hash-worker.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import { gzipBlobs } from '../../helpers/tar-members.js';
import { cacheIn, kept } from '../../helpers/layer-cache.js';
import { SAMPLE } from './sample-spec.js';

// The worker's least share, lowered from its default of 256 MiB (hash-plan.ts) so that the layers here stay small.
const WORKER_MIN = 32 * 1024 * 1024;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-alongside-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(() => stopHashWorker());

// SAMPLE with a layer big enough for the worker on top (the plan gives it the worker, the rest stay here).
const big: ImageSpec = {
  ...SAMPLE,
  layers: [...SAMPLE.layers, { command: 'RUN big', entries: [{ path: 'data/blob', size: WORKER_MIN + 4096 }] }],
};
const layers = big.layers.length;

async function readAlongside(spec: ImageSpec, compression?: 'gzip') {
  const file = join(dir, 'image.tar');
  const archive = compression ? writeImageArchive(spec, 'oci-archive', { compression }) : writeImageArchive(spec, 'docker-legacy');
  writeFileSync(file, archive);
  const root = join(dir, 'cache');
  const fills: DeferredFill[] = [];
  const cache = cacheIn(root);
  await readArchiveFile(file, archive.length, {
    layerCache: cache,
    hashAlongside: (fill) => fills.push(fill),
    hashWorkerMinBytes: WORKER_MIN,
  });
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

  it('a layer already cached does not take the worker from one that is not', async () => {
    // Worked by hand (hash-plan.ts): with A (40 MiB) counted, the worker takes A and B (32 MiB) stays
    // here, hashed inline: no fill. A cached, B alone is planned, and goes to the worker.
    const layerA = { command: 'RUN a', entries: [{ path: 'data/a', size: WORKER_MIN + (8 << 20) }] };
    const layerB = { command: 'RUN b', entries: [{ path: 'data/b', size: WORKER_MIN + 4096 }] };
    const first = await readAlongside({ ...SAMPLE, layers: [...SAMPLE.layers, layerA] });
    expect(await runAll(first.fills)).toEqual([true]);
    const { fills } = await readAlongside({ ...SAMPLE, layers: [...SAMPLE.layers, layerA, layerB] });
    expect(fills).toHaveLength(1);
    expect(await runAll(fills)).toEqual([true]);
  });

  it('compressed blobs under the least share for the worker in all are hashed as they are read: no fill, every layer kept', async () => {
    // The large layer is zeros: gzip makes it a few kB.
    const { root, fills } = await readAlongside(big, 'gzip');
    expect(fills).toHaveLength(0);
    expect(kept(root)).toHaveLength(layers);
  });
});

describe('compressed blobs hashed alongside the parse', () => {
  // Random bytes do not compress: the gzip blob stays over WORKER_MIN, and goes to the worker.
  const noisy: ImageSpec = {
    ...SAMPLE,
    layers: [...SAMPLE.layers, { command: 'RUN noise', entries: [{ path: 'data/noise', content: randomBytes(WORKER_MIN + 4096) }] }],
  };
  let archive: Buffer;
  beforeAll(() => {
    archive = writeImageArchive(noisy, 'oci-archive', { compression: 'gzip' });
  });

  /** The gzip blob over WORKER_MIN: its digest and where its bytes start. */
  const noisyBlob = (tar: Buffer) => gzipBlobs(tar).find((m) => m.size > WORKER_MIN)!;

  async function readBytes(bytes: Buffer) {
    const file = join(dir, 'image.tar');
    writeFileSync(file, bytes);
    const root = join(dir, 'cache');
    const fills: DeferredFill[] = [];
    await readArchiveFile(file, bytes.length, {
      layerCache: cacheIn(root),
      hashAlongside: (fill) => fills.push(fill),
      hashWorkerMinBytes: WORKER_MIN,
    });
    return { file, root, fills };
  }

  it('every blob goes to the worker once one is large; each is kept under its blob digest; the next read parses nothing', async () => {
    const { file, root, fills } = await readBytes(archive);
    const { hex } = noisyBlob(archive);
    expect(fills).toHaveLength(layers);
    expect(await runAll(fills)).toEqual(Array(layers).fill(true));
    expect(kept(root)).toHaveLength(layers);
    expect(kept(root)).toContain(hex);
    const warm = cacheIn(root);
    await readArchiveFile(file, archive.length, { layerCache: warm });
    expect(warm.stats).toEqual({ parsed: 0, recalled: layers });
  });

  it('a blob whose bytes are not the digest it is named by is not kept (and is parsed again next time)', async () => {
    // The gzip header's OS byte: the same tar comes out, but the blob's bytes, and their sha256, differ.
    const altered = Buffer.from(archive);
    const { hex, offset } = noisyBlob(altered);
    altered.writeUInt8(altered.readUInt8(offset + 9) ^ 0x01, offset + 9);
    const { file, root, fills } = await readBytes(altered);
    expect((await runAll(fills)).filter((keptIt) => !keptIt)).toHaveLength(1);
    expect(kept(root)).toHaveLength(layers - 1);
    expect(kept(root)).not.toContain(hex);
    const warm = cacheIn(root);
    await readArchiveFile(file, altered.length, { layerCache: warm });
    expect(warm.stats).toEqual({ parsed: 1, recalled: layers - 1 });
  });
});
