// A trusted producer's stream (a daemon on a root-made socket: ReadOptions.trustedProducer) goes into the
// layer cache under the diff ids its config gives, without its layers hashed; any other stream only under
// what its layers' bytes hash to. Shown with a config whose diff id for one layer is not its tar's sha256:
// only a read that did not hash keeps that layer under the config's word.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepTrustedLayers } from '../../../src/io/archive/trusted-layers.js';
import { writeImageArchive, type ArchiveFormat } from '../../../src/io/archive-writer/write-image-archive.js';
import type { ImageSpec } from '../../../src/io/archive-writer/image-spec.js';
import { cacheIn, kept } from '../../helpers/layer-cache.js';
import { readBuffer } from './archive-helpers.js';
import { SAMPLE } from './sample-spec.js';

const CLAIMED = 'c1'.repeat(32);
const CLAIMING: ImageSpec = { ...SAMPLE, layers: SAMPLE.layers.map((l, i) => (i === 1 ? { ...l, diffId: `sha256:${CLAIMED}` } : l)) };

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-trusted-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const aliases = (root: string): Map<string, string> => {
  const at = join(root, 'entries', 'v1id');
  return new Map(readdirSync(at).map((v1) => [v1, readFileSync(join(at, v1), 'utf8')]));
};

describe.each<[string, ArchiveFormat]>([
  ['Docker <= 24 (<v1 id>/layer.tar)', 'docker-legacy'],
  ['Docker >= 25 (blobs/sha256/…)', 'docker-oci'],
  ['podman (<diff id>.tar)', 'podman'],
])('a stream in the shape of %s', (_name, format) => {
  const archive = writeImageArchive(CLAIMING, format);
  const layers = SAMPLE.layers.length;

  it('from a trusted producer: every layer kept under the diff id its config gives, the claimed one too', async () => {
    const root = join(dir, 'trusted');
    const model = await readBuffer(archive, { layerCache: cacheIn(root), trustedProducer: true });
    expect(kept(root)).toHaveLength(layers);
    expect(kept(root)).toContain(CLAIMED);
    if (format === 'docker-legacy') expect([...aliases(root).values()]).toContain(`sha256:${CLAIMED}`);
    // The same image as a read that hashed.
    expect(model.layers.map((l) => l.entries)).toEqual((await readBuffer(archive)).layers.map((l) => l.entries));
  });

  it('from anyone else: kept only under what the bytes hash to, never the claim', async () => {
    const root = join(dir, 'hashed');
    await readBuffer(archive, { layerCache: cacheIn(root) });
    // podman's member is named by the claim too: its bytes do not hash to its name, so it is kept nowhere.
    expect(kept(root)).toHaveLength(format === 'podman' ? layers - 1 : layers);
    expect(kept(root)).not.toContain(CLAIMED);
  });
});

describe('keepTrustedLayers', () => {
  const parsed = { entries: [], sizeBytes: 0 } as never;
  const digest = (c: string): string => `sha256:${c.repeat(64)}`;

  it('keeps only the members parsed unhashed, under sha256 diff ids, when the lists pair up', async () => {
    const root = join(dir, 'cache');
    const cache = cacheIn(root);
    const members = [
      { member: 'a/layer.tar', parsed },
      { member: 'b/layer.tar', parsed },
      { member: 'c.tar', parsed },
    ];
    await keepTrustedLayers(cache, new Set(['a/layer.tar', 'c.tar']), members, [digest('a'), digest('b'), 'md5:00']);
    expect(kept(root)).toEqual(['a'.repeat(64)]);
    await keepTrustedLayers(cache, new Set(['b/layer.tar']), members, [digest('a'), digest('b')]);
    expect(kept(root)).toEqual(['a'.repeat(64)]);
  });
});
