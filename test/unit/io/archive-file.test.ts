// What reading an archive from a file adds to the streaming reader (which damaged-archives, archive-shapes
// and platforms already run both ways): only the chosen image's layers are read, progress counts those,
// and a stop or a failure ends the layers still being read.
import { mkdtempSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import xxhash from 'xxhash-wasm';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import type { ReadProgress } from '../../../src/io/read-options.js';
import { LayerStore } from '../../../src/io/store/layer-store.js';
import { ParsedLayerCache } from '../../../src/io/store/parsed-cache.js';
import { expectLayerscopeError, readBuffer, readFileBuffer, summary } from './archive-helpers.js';
import { prng } from '../../helpers/prng.js';
import { SAMPLE } from './sample-spec.js';

const damagedGzip = (): Buffer => {
  const gz = gzipSync(Buffer.alloc(64 * 1024, 7));
  gz[20] = gz[20]! ^ 0xff;
  return gz;
};
const imageFor = (architecture: string, layer: ImageSpec['layers'][number]): ImageSpec => ({
  repoTags: [`multi:${architecture}`],
  platform: { os: 'linux', architecture },
  layers: [layer],
});
const amd64 = imageFor('amd64', { command: 'ADD amd64', entries: [{ path: 'arch', content: 'amd64' }] });
const arm64Damaged = imageFor('arm64', {
  command: 'ADD arm64',
  raw: damagedGzip(),
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
});

describe('archives read from a file', () => {
  it('reads only the layers of the chosen platform (a damaged layer of another platform is never read)', async () => {
    const archive = writeImageArchive(amd64, 'oci-archive', { images: [arm64Damaged], compression: 'gzip' });
    const model = await readFileBuffer(archive, { platform: { os: 'linux', architecture: 'amd64' } });
    expect(model.layers.map((l) => l.command)).toEqual(['ADD amd64']);
    await expectLayerscopeError(
      readFileBuffer(archive, { platform: { os: 'linux', architecture: 'arm64' } }),
      'archive',
      /layer blob 'blobs\/sha256\/[0-9a-f]{64}'(?: is cut short: .+)?$/,
    );
    // The streaming reader cannot skip a blob before it knows the manifest, so it meets the damage.
    await expect(readBuffer(archive, { platform: { os: 'linux', architecture: 'amd64' } })).rejects.toThrow(/layer blob/);
  });

  it('reads only the layers of the chosen tag in a multi-image docker save', async () => {
    const other: ImageSpec = { repoTags: ['other:1'], layers: [{ command: 'RUN other', raw: damagedGzip() }] };
    const archive = writeImageArchive(SAMPLE, 'docker-legacy', { images: [other] });
    const model = await readFileBuffer(archive, { name: 'sample:1.0' });
    expect(model.layers).toHaveLength(SAMPLE.layers.length);
    await expectLayerscopeError(readFileBuffer(archive, { name: 'other:1' }), 'archive', /layer blob/);
  });

  it('reads entries, headers and a long name split across its 1 MiB reads (whose buffers it reuses)', async () => {
    // Over 6 MiB, so the ring of read buffers comes round; odd sizes put headers across chunk edges; a PAX
    // link target of almost 1 MiB (the cap, Go's maxSpecialFileSize; a path that long is over README's Limits)
    // spans two of them.
    const files = Array.from({ length: 9000 }, (_, i) => ({ path: `f/${i}`, content: Buffer.alloc(300 + ((i * 37) % 1200), i % 251) }));
    const longName = `long/${'n'.repeat(1_040_000)}`;
    const layer = {
      command: 'ADD many',
      entries: [...files.slice(0, 4000), { path: 'long', type: 'symlink' as const, linkTarget: longName }, ...files.slice(4000)],
    };
    const archive = writeImageArchive({ layers: [layer] }, 'docker-legacy');
    const fromFile = await readFileBuffer(archive);
    expect(summary(fromFile)).toEqual(summary(await readBuffer(archive)));
    expect(fromFile.layers[0]!.entries).toHaveLength(9000 + 1);
    expect(fromFile.layers[0]!.entries.find((e) => e.kind === 'symlink')!.linkTarget).toBe(longName);
  });

  it('reads a gzip layer of over 6 MiB from its file into reused buffers: every file hashes as its bytes do', async () => {
    // Random bytes do not compress, so the blob is ~8 MiB and the ring of 1 MiB read buffers comes round
    // twice. A buffer is read into again only after the decompressor's write of it called back
    // (feed-decompressor.ts); a feeder that wrote ahead would hand zlib chunks overwritten under it.
    const next = prng(11);
    const files = Array.from({ length: 40 }, (_, i) => {
      const content = Buffer.alloc(200_000 + i * 997);
      for (let b = 0; b < content.length; b++) content[b] = Math.floor(next() * 256);
      return { path: `r/${i}`, content };
    });
    const archive = writeImageArchive({ layers: [{ command: 'ADD random', entries: files }] }, 'oci-archive', { compression: 'gzip' });
    expect(archive.length).toBeGreaterThan(8 << 20);
    // Every 1 MiB read of the blob, by the memory it was read into.
    const handle = await open(fileURLToPath(import.meta.url), 'r');
    const fileHandle = Object.getPrototypeOf(handle) as FileHandle;
    await handle.close();
    const intoMemory: ArrayBufferLike[] = [];
    const original = fileHandle.read;
    const spy = vi.spyOn(fileHandle, 'read').mockImplementation(function (this: FileHandle, ...args: unknown[]) {
      const [buffer, , length] = args as [Uint8Array, number, number];
      if (length === 1 << 20) intoMemory.push(buffer.buffer);
      return (original as (...a: unknown[]) => ReturnType<FileHandle['read']>).apply(this, args);
    } as FileHandle['read']);
    const model = await readFileBuffer(archive).finally(() => spy.mockRestore());
    expect(intoMemory.length).toBeGreaterThanOrEqual(8);
    expect(new Set(intoMemory).size).toBeLessThanOrEqual(4);
    const { h64Raw } = await xxhash();
    const hashes = new Map(model.layers[0]!.entries.map((e) => [model.paths.path(e.path), e.hash]));
    expect(hashes.size).toBe(files.length);
    for (const f of files) expect(hashes.get(f.path), f.path).toBe(h64Raw(f.content).toString(16).padStart(16, '0'));
  });

  it('counts progress in the bytes of the layers it reads', async () => {
    const archive = writeImageArchive(SAMPLE, 'docker-legacy');
    const seen: ReadProgress[] = [];
    const model = await readFileBuffer(archive, { onProgress: (p) => seen.push(p) });
    const last = seen.at(-1)!;
    expect(last).toEqual({ bytesRead: last.bytesTotal, bytesTotal: last.bytesTotal, layersDone: 4, layersTotal: 4 });
    // Each layer blob holds its entries' bytes plus headers and padding; the outer archive's JSON is not counted.
    expect(last.bytesTotal).toBeGreaterThan(model.layers.reduce((sum, l) => sum + l.sizeBytes, 0));
    expect(last.bytesTotal).toBeLessThan(archive.length);
    expect(seen.map((p) => p.bytesRead)).toEqual([...seen.map((p) => p.bytesRead)].sort((a, b) => a - b));
  });

  it.each(['oci-archive', 'docker-legacy'] as const)(
    'counts layers recalled from the layer cache as done (%s): the bar reaches its byte and layer totals',
    async (shape) => {
      const root = mkdtempSync(join(tmpdir(), 'ls-progress-cache-'));
      try {
        const archive = writeImageArchive(SAMPLE, shape, { compression: 'gzip' });
        const cold: ReadProgress[] = [];
        await readFileBuffer(archive, { onProgress: (p) => cold.push(p), layerCache: new ParsedLayerCache(new LayerStore(root, 1 << 30)) });
        const cache = new ParsedLayerCache(new LayerStore(root, 1 << 30));
        const warm: ReadProgress[] = [];
        await readFileBuffer(archive, { onProgress: (p) => warm.push(p), layerCache: cache });
        expect(cache.stats.recalled).toBe(4);
        // The same totals as the cold read, reached.
        expect(warm.at(-1)).toEqual(cold.at(-1));
        expect(warm.at(-1)).toEqual({
          bytesRead: cold.at(-1)!.bytesTotal,
          bytesTotal: cold.at(-1)!.bytesTotal,
          layersDone: 4,
          layersTotal: 4,
        });
        expect(warm.map((p) => p.bytesRead)).toEqual([...warm.map((p) => p.bytesRead)].sort((a, b) => a - b));
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );

  it('stops when the signal aborts, with its reason', async () => {
    const big = { command: 'ADD big', entries: [{ path: 'big', content: Buffer.alloc(8 << 20, 1) }] };
    const archive = writeImageArchive({ layers: [big, big, big].map((l, i) => ({ ...l, command: `${l.command} ${i}` })) }, 'docker-legacy');
    const stop = new AbortController();
    const reason = new Error('user pressed q');
    const reading = readFileBuffer(archive, {
      signal: stop.signal,
      onProgress: (p) => {
        if (p.bytesRead > 0) stop.abort(reason);
      },
    });
    await expect(reading).rejects.toBe(reason);
  });
});
