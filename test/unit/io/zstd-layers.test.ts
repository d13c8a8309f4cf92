// zstd layers: made with the zstd CLI (skipped visibly when it is absent), read with the pure-JS decoder
// that Node 20 uses, through the same one-pass reader as gzip and plain layers.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decompressorFor } from '../../../src/io/archive/decompress.js';
import { diffIdOf, layerTar, type LayerSpec } from '../../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, requireOrSkip } from '../../helpers/integration.js';
import { entriesOf, expectLayerscopeError, READERS } from './archive-helpers.js';

const haveZstd = requireOrSkip('zstd CLI', commandWorks('zstd', ['--version']));
const zstd = (data: Buffer, level = 3): Buffer => execFileSync('zstd', [`-${level}`, '-c', '-q'], { input: data, maxBuffer: 1 << 28 });

function zstdLayer(layer: LayerSpec): LayerSpec {
  const tar = layerTar(layer);
  return { ...layer, raw: zstd(tar), diffId: diffIdOf(layer, tar), mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' };
}

// Several MiB of varied text so the stream spans many zstd blocks and stream chunks.
const bigText = Array.from({ length: 200_000 }, (_, i) => `line ${i} ${(i * 2654435761) % 1000003}\n`).join('');
const layers: LayerSpec[] = [
  {
    command: 'ADD big',
    entries: [
      { path: 'big.txt', content: bigText },
      { path: 'small', content: 's' },
    ],
  },
  { command: 'RUN rm', entries: [{ path: 'small', type: 'whiteout' }] },
];

describe.skipIf(!haveZstd).each(READERS)('zstd layers (%s)', (_how, read) => {
  it('reads zstd layers in an OCI archive the same as plain ones', async () => {
    const plain = await read(writeImageArchive({ layers }, 'oci-archive'));
    const packed = await read(writeImageArchive({ layers: layers.map(zstdLayer) }, 'oci-archive'), {}, 16 * 1024);
    expect(entriesOf(packed, 0)).toEqual(entriesOf(plain, 0));
    expect(packed.layers[0]!.entries[0]!.hash).toBe(plain.layers[0]!.entries[0]!.hash);
    expect(packed.layers[0]!.sizeBytes).toBe(bigText.length + 1);
    expect(packed.layers[1]!.diffId).toBe(plain.layers[1]!.diffId);
  });

  it.each(['pure', 'program'] as const)(
    'decodes with the %s decoder (pure: fzstd, what Node 20 has without the zstd program)',
    async (which) => {
      const data = Buffer.from(bigText);
      const decoder = decompressorFor('zstd', which)!;
      const compressed = zstd(data, 19);
      const out: Buffer[] = [];
      decoder.on('data', (chunk: Buffer) => out.push(chunk));
      const done = new Promise((resolve, reject) => {
        decoder.on('end', resolve);
        decoder.on('error', reject);
      });
      for (let at = 0; at < compressed.length; at += 1000) decoder.write(compressed.subarray(at, at + 1000));
      decoder.end();
      await done;
      expect(Buffer.concat(out).equals(data)).toBe(true);
    },
  );

  it.each(['pure', 'program'] as const)('the %s decoder fails on a cut frame instead of ending quietly', async (which) => {
    const decoder = decompressorFor('zstd', which)!;
    decoder.resume();
    const failed = new Promise<Error>((resolve) => {
      decoder.on('error', resolve);
      decoder.on('end', () => resolve(new Error('ended')));
    });
    decoder.end(zstd(Buffer.from(bigText)).subarray(0, 5000));
    expect((await failed).message).not.toBe('ended');
  });

  // What each decoder makes of these bytes: the decoded text, or 'error'.
  const decode = async (which: 'pure' | 'program', bytes: Buffer): Promise<string> => {
    const decoder = decompressorFor('zstd', which)!;
    const out: Buffer[] = [];
    decoder.on('data', (chunk: Buffer) => out.push(chunk));
    const done = new Promise<string>((resolve) => {
      decoder.on('end', () => resolve(Buffer.concat(out).toString()));
      decoder.on('error', () => resolve('error'));
    });
    for (let at = 0; at < bytes.length; at += 7) decoder.write(bytes.subarray(at, at + 7));
    decoder.end();
    return done;
  };
  // A skippable frame (RFC 8878 §3.1.2): magic 0x184D2A5? then a 4-byte size.
  const skippable = Buffer.concat([Buffer.from([0x52, 0x2a, 0x4d, 0x18, 3, 0, 0, 0]), Buffer.from('abc')]);

  it.each(['pure', 'program'] as const)('the %s decoder rejects a frame whose content checksum is wrong', async (which) => {
    const one = zstd(Buffer.from('first frame\n'));
    const two = zstd(Buffer.from(bigText.slice(0, 300_000)));
    expect(await decode(which, Buffer.concat([one, skippable, two]))).toBe(`first frame\n${bigText.slice(0, 300_000)}`);
    for (const [bad, at] of [
      [one, one.length - 1],
      [two, two.length - 4],
    ] as const) {
      const broken = Buffer.from(bad);
      broken[at] = broken[at]! ^ 0x01; // a byte of the stored XXH64 checksum: the data itself decodes fine
      const stream = bad === one ? Buffer.concat([broken, two]) : Buffer.concat([one, broken]);
      expect(await decode(which, stream), `checksum byte ${at}`).toBe('error');
    }
  });

  it('rejects a truncated zstd layer', async () => {
    const tar = layerTar(layers[0]!);
    const cut = zstd(tar).subarray(0, 5000);
    const spec = { layers: [{ command: 'x', raw: cut, diffId: diffIdOf(layers[0]!, tar) }] };
    // The archive is whole; the layer in it was cut before it was archived, and the message says so.
    await expectLayerscopeError(
      read(writeImageArchive(spec, 'oci-archive')),
      'archive',
      /^layer blob 'blobs\/sha256\/[0-9a-f]{64}' is cut short: the archive holds all of its bytes, but its zstd data ends early$/,
    );
  });
});
