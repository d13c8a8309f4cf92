// Bad input always rejects with one LayerscopeError line and a hint: never a hang, a stack or half a model.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isLayerscopeError } from '../../../src/core/errors.js';
import { readImageArchive } from '../../../src/io/archive/read-image-archive.js';
import { diffIdOf, layerTar } from '../../../src/io/archive-writer/image-spec.js';
import { writeTar } from '../../../src/io/archive-writer/tar-writer.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { expectLayerscopeError, READERS } from './archive-helpers.js';
import { SAMPLE } from './sample-spec.js';

const legacy = writeImageArchive(SAMPLE, 'docker-legacy');

describe.each(READERS)('damaged archives (%s)', (_how, read) => {
  it.each([
    ['docker-legacy', legacy],
    ['podman', writeImageArchive(SAMPLE, 'podman')],
    ['oci-archive gzip', writeImageArchive(SAMPLE, 'oci-archive', { compression: 'gzip' })],
  ])('rejects %s cut at any point', async (_name, archive) => {
    const cuts = new Set<number>([1, 100, 511, 512, 513, 1024, 1536]);
    for (let at = 0; at < archive.length - 1024; at += 997) cuts.add(at);
    for (let at = 512; at < archive.length - 1024; at += 512) cuts.add(at); // every block boundary
    for (const cut of [...cuts].filter((c) => c > 0 && c < archive.length - 1024)) {
      const error = await read(archive.subarray(0, cut), {}, 700).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isLayerscopeError(error), `cut at ${cut}: ${String(error)}`).toBe(true);
      expect((error as Error).message, `cut at ${cut}`).toMatch(/end|truncated|not a tar|no manifest/);
    }
  });

  it('names the layer a truncated archive ends in', async () => {
    const at = legacy.indexOf(Buffer.from('BUSYBOX')) + 100;
    await expectLayerscopeError(
      read(legacy.subarray(0, at)),
      'archive',
      /^archive ends in the middle of layer blob '[0-9a-f]{64}\/layer\.tar'$/,
    );
  });

  it('rejects a corrupt header', async () => {
    const bad = Buffer.from(legacy);
    bad[512 * 3 + 10] = bad[512 * 3 + 10]! ^ 0xff;
    await expectLayerscopeError(read(bad), 'archive', /^corrupt tar header in the archive$/);
  });

  it('rejects a corrupt header inside a layer, naming the layer', async () => {
    const bad = Buffer.from(legacy);
    const inner = bad.indexOf(Buffer.from('bin/busybox\0'));
    bad[inner + 2] = bad[inner + 2]! ^ 0xff;
    await expectLayerscopeError(read(bad), 'archive', /^corrupt tar header in layer blob '.*\/layer\.tar'$/);
  });

  it('rejects garbage, empty input and zero blocks', async () => {
    await expectLayerscopeError(
      read(Buffer.from('hello, this is not an archive at all '.repeat(40))),
      'archive',
      /^test\.tar is not a tar archive$/,
    );
    await expectLayerscopeError(read(Buffer.alloc(0)), 'archive', /^test\.tar is empty$/);
    await expectLayerscopeError(read(Buffer.alloc(10240)), 'archive', /has no manifest\.json or index\.json/);
    await expectLayerscopeError(
      read(writeTar([{ name: 'README', content: Buffer.from('hi') }])),
      'archive',
      /has no manifest\.json or index\.json/,
    );
  });

  it('rejects a manifest naming a layer that is not there', async () => {
    const podman = writeImageArchive(SAMPLE, 'podman', { omit: (name) => name === `${firstDiffHex}.tar` });
    await expectLayerscopeError(
      read(podman),
      'archive',
      /^layer 1 \('[0-9a-f]{64}\.tar'\) named by the manifest is missing from test\.tar$/,
    );
    const oci = writeImageArchive(SAMPLE, 'oci-archive', { omit: (name) => name === `blobs/sha256/${firstDiffHex}` });
    await expectLayerscopeError(read(oci), 'archive', /^layer 1 sha256:[0-9a-f]{64} is missing from test\.tar$/);
  });

  it('rejects invalid JSON, naming the member', async () => {
    const archive = writeTar([{ name: 'manifest.json', content: Buffer.from('[{"Config": ') }]);
    await expectLayerscopeError(read(archive), 'archive', /^invalid JSON in 'manifest\.json' in test\.tar$/);
  });

  it('rejects a layer that is neither tar, gzip nor zstd', async () => {
    const spec = { layers: [{ command: 'x', raw: Buffer.from('plain text, not a layer'.repeat(50)) }] };
    await expectLayerscopeError(
      read(writeImageArchive(spec, 'podman')),
      'archive',
      /^layer 1 \('.*'\) in test\.tar is neither a tar, gzip nor zstd stream$/,
    );
  });

  it('rejects corrupt gzip data in a layer', async () => {
    const gz = gzipSync(Buffer.alloc(4096, 7));
    gz[20] = gz[20]! ^ 0xff;
    const spec = { layers: [{ command: 'x', raw: gz }] };
    await expectLayerscopeError(
      read(writeImageArchive(spec, 'podman')),
      'archive',
      /^(corrupt gzip data|corrupt tar header) in layer blob/,
    );
  });

  it('rejects unsupported media types and absent foreign layers by name', async () => {
    const madeUp = { ...SAMPLE, layers: SAMPLE.layers.map((l, i) => (i === 1 ? { ...l, mediaType: 'application/x-made-up' } : l)) };
    await expectLayerscopeError(
      read(writeImageArchive(madeUp, 'oci-archive')),
      'archive',
      /^layer 2 of test\.tar has unsupported media type application\/x-made-up$/,
    );
    const foreign = {
      ...SAMPLE,
      layers: SAMPLE.layers.map((l, i) =>
        i === 0
          ? { ...l, mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', urls: ['https://example.com/base.tar.gz'] }
          : l,
      ),
    };
    const withBlob = await read(writeImageArchive(foreign, 'oci-archive'));
    expect(withBlob.layers).toHaveLength(4);
    await expectLayerscopeError(
      read(writeImageArchive(foreign, 'oci-archive', { omit: (name) => name === `blobs/sha256/${firstDiffHex}` })),
      'archive',
      /^layer 1 of test\.tar is a foreign layer \(sha256:[0-9a-f]{64}\) that the archive does not include$/,
    );
  });

  it('rejects a manifest and config that disagree on the number of layers', async () => {
    const spec = { ...SAMPLE, extraDiffIds: [`sha256:${'1'.repeat(64)}`] };
    await expectLayerscopeError(
      read(writeImageArchive(spec, 'podman')),
      'archive',
      /^the manifest lists 4 layers but config '[0-9a-f]{64}\.json' has 5 diff_ids$/,
    );
  });

  it('rejects when the input stream fails or closes early', async () => {
    const failing = Readable.from(
      (async function* () {
        yield legacy.subarray(0, 4096);
        throw new Error('socket hang up');
      })(),
    );
    await expect(readImageArchive(failing, {})).rejects.toThrow();
    const closing = new Readable({
      read() {
        this.push(legacy.subarray(0, 2048));
        this.destroy();
      },
    });
    await expect(readImageArchive(closing, {})).rejects.toThrow();
  });
});

const firstDiffHex = diffIdOf(SAMPLE.layers[0]!, layerTar(SAMPLE.layers[0]!)).slice(7);
