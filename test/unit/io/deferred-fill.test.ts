// The layer cache filled after the read (the explorer's first frame first): the read parses without
// hashing, the fills hash the layers again from the file, and keep a parse only under the diff id its
// bytes have, and only if the file is the one the parse read.
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as layerParser from '../../../src/io/archive/parse-layer.js';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive, type ArchiveFormat } from '../../../src/io/archive-writer/write-image-archive.js';
import { runFills, type DeferredFill } from '../../../src/io/archive/deferred-fill.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import { gzipBlobs } from '../../helpers/tar-members.js';
import { cacheIn, kept } from '../../helpers/layer-cache.js';
import { SAMPLE } from './sample-spec.js';

// parseLayer as it is, its calls recorded: the fills must only frame the tar again.
vi.mock('../../../src/io/archive/parse-layer.js', async (original) => {
  const actual = await original<typeof import('../../../src/io/archive/parse-layer.js')>();
  return { ...actual, parseLayer: vi.fn(actual.parseLayer) };
});

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-deferred-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The archive written to a file, read once with its cache fills deferred: the file, the cache dir and the fills. */
async function readDeferred(spec: ImageSpec, format: ArchiveFormat, compression?: 'gzip') {
  const file = join(dir, 'image.tar');
  const archive = writeImageArchive(spec, format, compression ? { compression } : {});
  writeFileSync(file, archive);
  const root = join(dir, 'cache');
  const fills: DeferredFill[] = [];
  const cache = cacheIn(root);
  await readArchiveFile(file, archive.length, { layerCache: cache, deferCacheFill: (fill) => fills.push(fill) });
  return { file, size: archive.length, root, fills, parsed: cache.stats.parsed };
}

async function warmRead(file: string, size: number, root: string) {
  const cache = cacheIn(root);
  await readArchiveFile(file, size, { layerCache: cache });
  return cache.stats;
}

describe('a layer cache filled after the read', () => {
  it.each([
    ['docker save', 'docker-legacy', undefined],
    ['OCI, gzip layers', 'oci-archive', 'gzip'],
  ] as const)(
    '%s: the read keeps nothing; the fills keep every layer, and the next read parses none',
    async (_name, format, compression) => {
      const { file, size, root, fills, parsed } = await readDeferred(SAMPLE, format, compression);
      const layers = SAMPLE.layers.length;
      expect(parsed).toBe(layers);
      expect(fills).toHaveLength(layers);
      expect(kept(root)).toEqual([]);
      await runFills(fills, new AbortController().signal);
      expect(kept(root)).toHaveLength(layers);
      expect(await warmRead(file, size, root)).toEqual({ parsed: 0, recalled: layers });
    },
  );

  it('an OCI archive: the fills hash each gzip blob as it lies in the file (no parse, no gunzip), kept under its digest', async () => {
    const { file, root, fills } = await readDeferred(SAMPLE, 'oci-archive', 'gzip');
    const parseLayer = vi.mocked(layerParser.parseLayer);
    parseLayer.mockClear();
    await runFills(fills, new AbortController().signal);
    expect(parseLayer).not.toHaveBeenCalled();
    const blobs = gzipBlobs(readFileSync(file)).map((b) => b.hex);
    expect(blobs).toHaveLength(SAMPLE.layers.length);
    expect(kept(root).sort()).toEqual(blobs.sort());
  });

  it('a docker save: the fills read each layer again only to frame and hash it: no second set of entries is made', async () => {
    const { fills } = await readDeferred(SAMPLE, 'docker-legacy');
    const parseLayer = vi.mocked(layerParser.parseLayer);
    parseLayer.mockClear();
    await runFills(fills, new AbortController().signal);
    expect(parseLayer).toHaveBeenCalledTimes(SAMPLE.layers.length);
    for (const call of parseLayer.mock.calls) expect(call[3]?.framingOnly).toBe(true);
  });

  it('a layer whose bytes are not the diff id its config claims is not kept', async () => {
    const lying: ImageSpec = {
      ...SAMPLE,
      layers: SAMPLE.layers.map((l, i) => (i === 1 ? { ...l, diffId: `sha256:${'e'.repeat(64)}` } : l)),
    };
    const { root, fills } = await readDeferred(lying, 'docker-legacy');
    await runFills(fills, new AbortController().signal);
    expect(kept(root)).toHaveLength(SAMPLE.layers.length - 1);
    expect(kept(root)).not.toContain('e'.repeat(64));
  });

  it('nothing is kept when the file changed between the read and the fill', async () => {
    const { file, root, fills } = await readDeferred(SAMPLE, 'docker-legacy');
    utimesSync(file, new Date(), new Date(Date.now() - 60_000)); // same bytes, touched: not the file the parse read
    await runFills(fills, new AbortController().signal);
    expect(kept(root)).toEqual([]);
  });

  it('stopped (the explorer closed), the fills keep nothing more', async () => {
    const { root, fills } = await readDeferred(SAMPLE, 'docker-legacy');
    const stop = new AbortController();
    stop.abort();
    await runFills(fills, stop.signal);
    expect(kept(root)).toEqual([]);
  });
});
