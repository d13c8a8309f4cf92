// Every archive shape of FORMATS.md §1 (and OCI archives/dirs, plain and gzip) reads to the same image.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, symlinkSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTar } from '../../../src/io/archive-writer/tar-writer.js';
import { writeImageArchive, writeOciLayout, type ArchiveFormat } from '../../../src/io/archive-writer/write-image-archive.js';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { readOciLayout } from '../../../src/io/oci/read-oci-layout.js';
import { entriesOf, expectLayerscopeError, summary, readBuffer, READERS, writeAndReadBy } from './archive-helpers.js';
import { SAMPLE } from './sample-spec.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const tempDir = async (): Promise<string> => {
  const d = await mkdtemp(join(tmpdir(), 'ls-oci-'));
  dirs.push(d);
  return d;
};

describe.each(READERS)('archive shapes (%s)', (_how, read) => {
  const writeAndRead = writeAndReadBy(read);
  it('reads the docker legacy shape with layers, history and entries in order', async () => {
    const model = await writeAndRead(SAMPLE, 'docker-legacy');
    expect(model.name).toBe('sample:1.0');
    expect(model.tags).toEqual(['sample:1.0']);
    expect(model.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect([model.os, model.architecture]).toEqual(['linux', 'amd64']);
    expect(model.layers.map((l) => l.command)).toEqual(['ADD rootfs /', 'RUN add', 'RUN change', 'ADD rootfs /']);
    expect(model.layers[1]!.created).toBe('2024-05-02T00:00:00Z');
    expect(model.history.map((h) => [h.createdBy, h.layerIndex])).toEqual([
      ['ADD rootfs /', 0],
      ['ENV A=1', undefined],
      ['RUN add', 1],
      ['RUN change', 2],
      ['ADD rootfs /', 3],
      ['CMD ["sh"]', undefined],
    ]);
    expect(model.layers[1]!.sizeBytes).toBe(100_002);
    expect(entriesOf(model, 2)).toEqual([
      { path: 'app/a.txt', kind: 'file', size: 2, hash: true },
      { path: 'app/big', kind: 'whiteout', size: 0 },
      { path: 'app/old', kind: 'whiteout', size: 0 },
      { path: 'etc', kind: 'opaque', size: 0 },
      { path: 'etc/passwd', kind: 'file', size: 27, hash: true },
    ]);
    expect(entriesOf(model, 0).map((e) => e.kind)).toEqual(['dir', 'file', 'hardlink', 'dir', 'file', 'dir', 'char', 'fifo']);
    expect(model.layers[0]!.entries[0]!.mode).toBe(0o755);
    expect(model.warnings).toEqual([]);
  });

  const formats: ArchiveFormat[] = ['docker-legacy', 'docker-oci', 'podman', 'oci-archive'];
  it.each(formats)('%s reads to the same image as docker-legacy', async (format) => {
    const expected = summary(await writeAndRead(SAMPLE, 'docker-legacy'));
    expect(summary(await writeAndRead(SAMPLE, format))).toEqual(expected);
  });

  it('reads a gzip OCI archive, recording the compressed digests', async () => {
    const plain = await writeAndRead(SAMPLE, 'oci-archive');
    const gz = await writeAndRead(SAMPLE, 'oci-archive', { compression: 'gzip' });
    expect(summary(gz)).toEqual(summary(plain));
    expect(gz.layers[0]!.digest).not.toBe(gz.layers[0]!.diffId);
    expect(plain.layers[0]!.digest).toBe(plain.layers[0]!.diffId);
  });

  it.each(['none', 'gzip'] as const)('reads an OCI layout directory (%s)', async (compression) => {
    const dir = await tempDir();
    await writeOciLayout(SAMPLE, dir, { compression });
    const progress: number[] = [];
    const model = await readOciLayout(dir, { onProgress: (p) => progress.push(p.layersDone) });
    expect(summary(model)).toEqual(summary(await writeAndRead(SAMPLE, 'docker-legacy')));
    expect(progress.at(-1)).toBe(4);
  });

  it('reads a whole `docker save | gzip` archive', async () => {
    const archive = gzipSync(writeImageArchive(SAMPLE, 'docker-legacy'));
    expect(summary(await read(archive))).toEqual(summary(await writeAndRead(SAMPLE, 'docker-legacy')));
  });

  it('follows a repeated layer written as a symlink to the earlier layer.tar (dive reads it as empty)', async () => {
    const layer = { command: 'COPY x /', entries: [{ path: 'x', content: 'same' }] };
    const spec: ImageSpec = { layers: [layer, { command: 'RUN rm', entries: [{ path: 'x', type: 'whiteout' }] }, layer] };
    const archive = writeImageArchive(spec, 'docker-legacy');
    expect(archive.includes(Buffer.from('layer.tar\0'))).toBe(true);
    const model = await read(archive);
    expect(entriesOf(model, 2)).toEqual([{ path: 'x', kind: 'file', size: 4, hash: true }]);
    expect(model.layers[2]!.diffId).toBe(model.layers[0]!.diffId);
    expect(model.layers[2]!.entries[0]!.hash).toBe(model.layers[0]!.entries[0]!.hash);
  });

  it('orders 120 layers stored in hex order by the manifest that comes last', async () => {
    const layers = Array.from({ length: 120 }, (_, i) => ({ command: `RUN step ${i}`, entries: [{ path: `f/${i}`, content: String(i) }] }));
    const archive = writeImageArchive({ layers }, 'docker-legacy');
    const text = archive.toString('latin1');
    expect(text.lastIndexOf('/layer.tar\0')).toBeLessThan(text.indexOf('manifest.json\0'));
    const model = await read(archive, {}, 4096);
    expect(model.layers).toHaveLength(120);
    model.layers.forEach((layer, i) => {
      expect(layer.command).toBe(`RUN step ${i}`);
      expect(entriesOf(model, i)).toEqual([{ path: `f/${i}`, kind: 'file', size: String(i).length, hash: true }]);
    });
  });

  it('picks the named image of several in one docker archive, else the first with a warning', async () => {
    const other: ImageSpec = { repoTags: ['other:2'], layers: [{ command: 'RUN other', entries: [{ path: 'o', content: 'o' }] }] };
    const archive = writeImageArchive(SAMPLE, 'docker-legacy', { images: [other] });
    const named = await read(archive, { name: 'other:2' });
    expect(named.layers.map((l) => l.command)).toEqual(['RUN other']);
    expect(named.warnings).toEqual([]);
    const first = await read(archive);
    expect(first.tags).toEqual(['sample:1.0']);
    expect(first.warnings).toEqual(['test.tar holds 2 images (sample:1.0, other:2); showing sample:1.0']);
  });

  // FORMATS.md: "A layer of 0 bytes is an empty layer, not an error" (Go's archive/tar finds no entries).
  it('reads a 0-byte layer member as an empty layer', async () => {
    const emptyHex = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'; // sha256 of no bytes
    const first = writeTar([{ name: 'a', content: Buffer.from('abc') }]);
    const firstHex = createHash('sha256').update(first).digest('hex');
    const config = {
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [`sha256:${firstHex}`, `sha256:${emptyHex}`] },
    };
    const archive = writeTar([
      { name: 'l1/layer.tar', content: first },
      { name: 'l2/layer.tar', content: Buffer.alloc(0) },
      { name: 'c.json', content: Buffer.from(JSON.stringify(config)) },
      {
        name: 'manifest.json',
        content: Buffer.from(JSON.stringify([{ Config: 'c.json', RepoTags: ['e:1'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }])),
      },
    ]);
    const model = await read(archive);
    expect(model.layers.map((l) => l.entries.length)).toEqual([1, 0]);
    expect(model.layers[1]!.sizeBytes).toBe(0);
  });

  it('names a history-less image by its tag and gives its layers empty commands', async () => {
    const model = await writeAndRead({ ...SAMPLE, noHistory: true, repoTags: [] }, 'podman');
    expect(model.layers.map((l) => l.command)).toEqual(['', '', '', '']);
    expect(model.history).toEqual([]);
    expect(model.name).toBe(model.id!.slice(7, 19));
  });
});

describe('archive progress', () => {
  it('reports progress with bytes read and layers done (streamed: the whole archive)', async () => {
    const archive = writeImageArchive(SAMPLE, 'docker-legacy');
    const seen: { bytesRead: number; layersDone: number; bytesTotal?: number }[] = [];
    await readBuffer(archive, { totalBytes: archive.length, onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toEqual({ bytesRead: archive.length, bytesTotal: archive.length, layersDone: 4 });
  });
});

// A layout's blob that is a symlink would be followed to a file outside the layout and shown as the
// image (a config, a layer); a FIFO would never end. skopeo, docker and tar write plain files.
describe('an OCI layout whose blobs are not plain files', () => {
  it.each(['config', 'layer'] as const)('refuses a %s blob that is a symlink, and one that is a FIFO', async (which) => {
    for (const make of ['symlink', 'fifo'] as const) {
      const dir = await tempDir();
      await writeOciLayout(SAMPLE, dir);
      const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
      const manifest = JSON.parse(readFileSync(join(dir, 'blobs', ...index.manifests[0].digest.split(':')), 'utf8'));
      const blob = join(dir, 'blobs', ...(which === 'config' ? manifest.config : manifest.layers[0]).digest.split(':'));
      const target = join(dir, 'elsewhere');
      renameSync(blob, target);
      if (make === 'symlink') symlinkSync(target, blob);
      else execFileSync('mkfifo', [blob]);
      await expectLayerscopeError(
        readOciLayout(dir, {}),
        'archive',
        new RegExp(`^${blob} is ${make === 'symlink' ? 'a symlink' : 'a FIFO, socket or device'}, not a file$`),
      );
    }
  });
});
