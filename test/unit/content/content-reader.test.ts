// openContentReader gives a file's bytes whatever holds its layer: a plain blob in an archive file, a
// gzip blob in an OCI archive or layout (decompressed up to the file), the layer store (stream
// sources), and says so when a stream's layer was not kept. Expected bytes are the contents put in.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageModel } from '../../../src/core/model.js';
import { readArchiveFile } from '../../../src/io/archive/read-archive-file.js';
import { readImageArchive } from '../../../src/io/archive/read-image-archive.js';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { streamOf, writeImageArchive, writeOciLayout, type ArchiveFormat } from '../../../src/io/archive-writer/write-image-archive.js';
import { openContentReader } from '../../../src/io/content/content-reader.js';
import { readOciLayout } from '../../../src/io/oci/read-oci-layout.js';
import type { BlobSource } from '../../../src/io/read-options.js';
import { LayerStore } from '../../../src/io/store/layer-store.js';

const big = Buffer.alloc(3 << 20);
for (let i = 0; i < big.length; i++) big[i] = (i * 7 + (i >> 11)) & 0xff;
const SPEC: ImageSpec = {
  layers: [
    {
      command: 'base',
      entries: [
        { path: 'etc', type: 'dir' },
        { path: 'etc/conf', content: 'one\n' },
        { path: 'big.bin', content: big },
      ],
    },
    {
      command: 'change',
      entries: [
        { path: 'etc/conf', content: 'two\n' },
        { path: 'etc/hard', type: 'hardlink', linkTarget: 'etc/conf' },
        { path: 'etc/link', type: 'symlink', linkTarget: '/etc/conf' },
      ],
    },
  ],
};

const text = async (image: ImageModel, reader: ReturnType<typeof openContentReader>, layer: number, path: string, start = 0, n = 1 << 30) =>
  Buffer.from(await reader.read(layer, image.paths.find(path)!, start, n));

describe('openContentReader', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-content-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fromFile = async (format: ArchiveFormat, compression: 'none' | 'gzip' = 'none'): Promise<ImageModel> => {
    const archive = writeImageArchive(SPEC, format, { compression });
    writeFileSync(join(dir, 'image.tar'), archive);
    return readArchiveFile(join(dir, 'image.tar'), archive.length, {});
  };

  it.each([
    ['docker-legacy', 'none'],
    ['podman', 'none'],
    ['oci-archive', 'none'],
    ['oci-archive', 'gzip'],
  ] as const)('reads files of a %s archive file (%s layers)', async (format, compression) => {
    const image = await fromFile(format, compression);
    expect(image.layers[0]!.blob?.compression).toBe(compression === 'gzip' ? 'gzip' : 'tar');
    const reader = openContentReader(image);
    expect((await text(image, reader, 0, 'etc/conf')).toString()).toBe('one\n');
    expect((await text(image, reader, 1, 'etc/conf')).toString()).toBe('two\n');
    expect((await text(image, reader, 1, 'etc/hard')).toString()).toBe('two\n');
    expect((await text(image, reader, 0, 'big.bin', (1 << 20) + 3, 5000)).equals(big.subarray((1 << 20) + 3, (1 << 20) + 5003))).toBe(true);
    expect((await text(image, reader, 0, 'big.bin', big.length - 2, 100)).equals(big.subarray(big.length - 2))).toBe(true);
    await expect(text(image, reader, 1, 'etc/link')).rejects.toThrow(/symlink, not a regular file/);
    await expect(text(image, reader, 0, 'etc/hard')).rejects.toThrow(/layer 1 wrote no file/);
    await reader.close();
  });

  it('reads a gzip OCI layout directory, and keeps the decompressed layer in the store when asked', async () => {
    await writeOciLayout(SPEC, join(dir, 'oci'), { compression: 'gzip' });
    const image = await readOciLayout(join(dir, 'oci'), {});
    const store = new LayerStore(join(dir, 'store'), 1 << 30);
    const reader = openContentReader(image, { store, keepDecompressed: true });
    expect((await text(image, reader, 0, 'etc/conf')).toString()).toBe('one\n');
    await reader.close();
    expect(await store.has(image.layers[0]!.diffId)).toBe(true);
    const again = openContentReader({ ...image, layers: image.layers.map((l) => ({ ...l, blob: undefined })) }, { store });
    expect((await text(image, again, 0, 'big.bin')).equals(big)).toBe(true);
    await again.close();
  });

  it('reads a streamed archive from the layer store, and says how to get bytes it did not keep', async () => {
    const archive = writeImageArchive(SPEC, 'docker-oci');
    const store = new LayerStore(join(dir, 'store'), 1 << 30);
    const image = await readImageArchive(streamOf(archive), { keepLayer: () => store.writer() });
    expect(image.layers[0]!.blob).toBeUndefined();
    const reader = openContentReader(image, { store });
    expect((await text(image, reader, 1, 'etc/hard')).toString()).toBe('two\n');
    expect((await text(image, reader, 0, 'big.bin')).equals(big)).toBe(true);
    const unkept = await readImageArchive(streamOf(archive), {});
    await expect(text(unkept, openContentReader(unkept), 0, 'etc/conf')).rejects.toThrow(/were not kept/);
  });
});

// A layer that lies in no file but can be fetched again by its digest (a registry's, in the explorer):
// the blob source counts its fetches; `flip` changes one byte of what it sends, as a bad proxy would.
describe('openContentReader on a layer fetched again', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-refetch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fetchable = async (options: { failFirst?: boolean; flip?: boolean; noStore?: boolean } = {}) => {
    await writeOciLayout(SPEC, join(dir, 'oci'), { compression: 'none' });
    const read = await readOciLayout(join(dir, 'oci'), {});
    const files = new Map(read.layers.map((l) => [l.digest!, l.blob!.file]));
    const image: ImageModel = { ...read, layers: read.layers.map((l) => ({ ...l, blob: undefined })) };
    const fetched: string[] = [];
    let fail = options.failFirst === true;
    const source: BlobSource = {
      has: (digest) => files.has(digest),
      async *fetch(digest) {
        fetched.push(digest);
        if (fail) {
          fail = false;
          throw new Error('connection reset');
        }
        for await (const chunk of createReadStream(files.get(digest)!, { highWaterMark: 64 << 10 })) {
          const bytes = Buffer.from(chunk as Buffer);
          if (options.flip) bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 1;
          yield bytes;
        }
      },
      close: () => undefined,
    };
    const store = options.noStore ? undefined : new LayerStore(join(dir, 'store'), 1 << 30);
    const reader = openContentReader(image, { store, blobSource: (digest) => (source.has(digest) ? source : undefined) });
    return { image, reader, fetched };
  };

  /** As a daemon gives a layer again: the whole image read again, each layer's tar into the store (`keep`). */
  const readable = async (options: { failFirst?: boolean; keep?: (diffId: string) => boolean } = {}) => {
    await writeOciLayout(SPEC, join(dir, 'oci'), { compression: 'none' });
    const read = await readOciLayout(join(dir, 'oci'), {});
    const image: ImageModel = { ...read, layers: read.layers.map((l) => ({ ...l, blob: undefined })) };
    const store = new LayerStore(join(dir, 'store'), 1 << 30);
    let reads = 0;
    let fail = options.failFirst === true;
    const readAgain = async (): Promise<void> => {
      reads++;
      if (fail) {
        fail = false;
        throw new Error('the daemon went away');
      }
      for (const layer of read.layers) {
        if (options.keep && !options.keep(layer.diffId)) continue;
        const writer = await store.writer();
        for await (const chunk of createReadStream(layer.blob!.file)) await writer.write(chunk as Buffer);
        await writer.end();
      }
    };
    return { image, reader: openContentReader(image, { store, readAgain }), reads: () => reads };
  };

  it('fetches each layer once into the store, however many reads and in whatever order', async () => {
    const { image, reader, fetched } = await fetchable();
    const parts: Buffer[] = [];
    for (let at = 0; at <= big.length; at += 1 << 20) parts.push(await text(image, reader, 0, 'big.bin', at, 1 << 20));
    expect(Buffer.concat(parts).equals(big)).toBe(true);
    expect((await text(image, reader, 0, 'etc/conf')).toString()).toBe('one\n');
    expect(fetched).toEqual([image.layers[0]!.digest]);
    const [a, b] = await Promise.all([text(image, reader, 1, 'etc/conf'), text(image, reader, 1, 'etc/hard')]);
    expect([a.toString(), b.toString()]).toEqual(['two\n', 'two\n']);
    expect(fetched).toEqual([image.layers[0]!.digest, image.layers[1]!.digest]);
    await reader.close();
  });

  it('fails a read whose fetch failed, and the next read fetches again', async () => {
    const { image, reader, fetched } = await fetchable({ failFirst: true });
    await expect(text(image, reader, 0, 'etc/conf')).rejects.toThrow(/connection reset/);
    expect((await text(image, reader, 0, 'etc/conf')).toString()).toBe('one\n');
    expect(fetched).toHaveLength(2);
    await reader.close();
  });

  it("hands out no byte of a layer whose bytes do not hash to the config's diff_id", async () => {
    const { image, reader } = await fetchable({ flip: true });
    await expect(text(image, reader, 0, 'etc/conf')).rejects.toThrow(
      /layer 1 \(sha256:[0-9a-f]{64}\), fetched again, was not kept: .*diff_id/,
    );
    await reader.close();
  });

  it('without a layer store (--no-cache), says how to get the bytes', async () => {
    const { image, reader, fetched } = await fetchable({ noStore: true });
    await expect(text(image, reader, 0, 'etc/conf')).rejects.toThrow(/were not kept/);
    expect(fetched).toHaveLength(0);
    await reader.close();
  });

  it('reads a daemon image again once for every layer, and again after a read that failed', async () => {
    const { image, reader, reads } = await readable({ failFirst: true });
    await expect(text(image, reader, 1, 'etc/conf')).rejects.toThrow(/the daemon went away/);
    const [a, b] = await Promise.all([text(image, reader, 1, 'etc/conf'), text(image, reader, 0, 'etc/conf')]);
    expect([a.toString(), b.toString()]).toEqual(['two\n', 'one\n']);
    expect((await text(image, reader, 0, 'big.bin')).equals(big)).toBe(true);
    expect(reads()).toBe(2);
    await reader.close();
  });

  it('says so when reading the image again did not keep the layer', async () => {
    const { image, reader } = await readable({ keep: (diffId) => diffId !== image.layers[1]!.diffId });
    expect((await text(image, reader, 0, 'etc/conf')).toString()).toBe('one\n');
    await expect(text(image, reader, 1, 'etc/conf')).rejects.toThrow(/^layer 2 was not kept when the image was read again$/);
    await reader.close();
  });
});
