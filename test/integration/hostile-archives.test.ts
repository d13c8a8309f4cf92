// Small hostile archives through the BUILT CLI (`layerscope --json - FILE`, and from standard input):
// each ends in a one-line error with exit code 2 or in the right result, within a heap of 256 MiB
// (`--max-old-space-size`: a run that needs more dies, and fails the test). The hang guard is the
// test timeout, never an assertion on time. Expected trees and numbers are worked out by hand.
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/io/archive-writer/image-spec.js';
import { tarHeader, writeTar, type TarEntry } from '../../src/io/archive-writer/tar-writer.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli, expectOneLineError, type CliRun } from '../helpers/run-cli.js';

const env = { NODE_OPTIONS: '--max-old-space-size=256' };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The archive read from a file and from standard input: both runs, in that order. */
async function both(name: string, archive: Buffer): Promise<[CliRun, CliRun]> {
  const path = join(dir, name);
  await writeFile(path, archive);
  return [
    await cli(['--json', '-', '--json-files', path], { env }),
    await cli(['--json', '-', '--json-files', '-'], { env, stdin: archive }),
  ];
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const file = (name: string, content: Buffer | string): TarEntry => ({
  name,
  content: typeof content === 'string' ? Buffer.from(content) : content,
});
const config = (diffIds: string[]) => json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } });
const layerOf = (entries: TarEntry[]): Buffer => writeTar(entries);
const legacy = (layer: Buffer, manifestLayers: string[], diffIds = [`sha256:${sha256(layer)}`]): Buffer =>
  writeTar([
    file('l/layer.tar', layer),
    file('c.json', config(diffIds)),
    file('manifest.json', json([{ Config: 'c.json', RepoTags: ['hostile:1'], Layers: manifestLayers }])),
  ]);

describe('structures that would be huge', () => {
  it('a manifest listing a million layers (one layer, named a million times)', async () => {
    const archive = legacy(layerOf([file('a', 'x')]), Array<string>(1_000_000).fill('l/layer.tar'));
    for (const run of await both('million.tar', archive))
      expectOneLineError(run, /lists 1000000 layers for one image; the limit is 1,000$/);
  });

  it('nested indexes that fan out a thousand-fold, each naming the same index', async () => {
    const manifest = json({ schemaVersion: 2, config: { digest: `sha256:${'0'.repeat(64)}` }, layers: [] });
    const manifestDigest = sha256(manifest);
    const nested = json({
      schemaVersion: 2,
      manifests: Array(1000).fill({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${manifestDigest}` }),
    });
    const nestedDigest = sha256(nested);
    const index = json({
      schemaVersion: 2,
      manifests: Array(1000).fill({ mediaType: 'application/vnd.oci.image.index.v1+json', digest: `sha256:${nestedDigest}` }),
    });
    const archive = writeTar([
      file('oci-layout', '{"imageLayoutVersion":"1.0.0"}'),
      file(`blobs/sha256/${manifestDigest}`, manifest),
      file(`blobs/sha256/${nestedDigest}`, nested),
      file('index.json', index),
    ]);
    for (const run of await both('fanout.tar', archive)) expectOneLineError(run, /list more than 10000 descriptors; the limit is 10,000$/);
  });

  it('annotations too big to copy around', async () => {
    const index = json({
      schemaVersion: 2,
      manifests: [{ digest: `sha256:${'1'.repeat(64)}`, annotations: { big: 'y'.repeat(300_000) } }],
    });
    const archive = writeTar([file('oci-layout', '{"imageLayoutVersion":"1.0.0"}'), file('index.json', index)]);
    for (const run of await both('annotations.tar', archive))
      expectOneLineError(run, /has 300003 bytes of annotations; the limit is 262,144$/);
  });

  it('10,000 directory levels, and 300', async () => {
    const deep = legacy(layerOf([file(`${'a/'.repeat(10_000)}f`, 'x')]), ['l/layer.tar']);
    for (const run of await both('deep.tar', deep)) expectOneLineError(run, /: an entry's path is 20001 bytes long; the limit is 4,096$/);
    const levels = legacy(layerOf([file(`${'a/'.repeat(300)}f`, 'x')]), ['l/layer.tar']);
    for (const run of await both('levels.tar', levels)) expectOneLineError(run, /: an entry's path is 301 levels deep; the limit is 256$/);
  });

  it('255 directory levels read as they are', async () => {
    const path = `${'a/'.repeat(254)}f`;
    for (const run of await both('ok-deep.tar', legacy(layerOf([file(path, 'xyz')]), ['l/layer.tar']))) {
      expect(run.stderr).toBe('');
      const doc = JSON.parse(run.stdout);
      expect(doc.layer[0].files).toEqual([expect.objectContaining({ path: `/${path}`, kind: 'file', change: 'added', sizeBytes: 3 })]);
      expect(doc.image.finalVisibleBytes).toBe(3);
    }
  });
});

describe('bombs and zeros', () => {
  it('a gzip layer that inflates to 1 GiB of zeros after its end-of-archive marker', async () => {
    const zeros = gzipSync(Buffer.alloc(64 << 20));
    // gzip members one after another are one gzip stream: the tar, then 16 × 64 MiB of zeros.
    const bomb = Buffer.concat([gzipSync(layerOf([file('a', 'x')])), ...Array<Buffer>(16).fill(zeros)]);
    for (const run of await both('bomb.tar', legacy(bomb, ['l/layer.tar'], ['sha256:unchecked']))) {
      expect(run.stderr).toBe('');
      const doc = JSON.parse(run.stdout);
      expect(doc.layer[0].files.map((f: { path: string }) => f.path)).toEqual(['/a']);
      expect(doc.layer[0].sizeBytes).toBe(1);
    }
  });

  it('a 32 GiB layer of zeros (a sparse file) ends at its first two blocks', async () => {
    const size = 32 * 1024 ** 3;
    const path = join(dir, 'sparse.tar');
    const handle = await open(path, 'w');
    await handle.write(tarHeader({ name: Buffer.from('l/layer.tar'), typeFlag: '0', size }), 0, 512, 0);
    const rest = writeTar([
      file('c.json', config(['sha256:unchecked'])),
      file('manifest.json', json([{ Config: 'c.json', RepoTags: ['zeros:1'], Layers: ['l/layer.tar'] }])),
    ]);
    await handle.write(rest, 0, rest.length, 512 + size);
    await handle.close();
    const run = await cli(['--json', '-', '--json-files', path], { env });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).layer[0]).toMatchObject({ sizeBytes: 0, entryCount: 0, files: [] });
  });
});

describe('tar framing', () => {
  const image = (tag: string, path: string): Buffer =>
    writeImageArchive({ repoTags: [tag], layers: [{ command: 'ADD', entries: [{ path, content: tag }] }] }, 'docker-legacy');

  it('a second image hidden after the end-of-archive marker is never the one analysed', async () => {
    for (const run of await both('two.tar', Buffer.concat([image('shown:1', 'shown'), image('hidden:1', 'hidden')]))) {
      expect(run.stderr).toBe('');
      const doc = JSON.parse(run.stdout);
      expect(doc.image.tags).toEqual(['shown:1']);
      expect(doc.layer.flatMap((l: { files: { path: string }[] }) => l.files.map((f) => f.path))).toEqual(['/shown']);
    }
  });

  it('a lone zero block between members is a corrupt header', async () => {
    const whole = image('shown:1', 'shown');
    const members = whole.subarray(0, whole.length - 1024);
    const at = members.lastIndexOf(Buffer.from('manifest.json\0'));
    const broken = Buffer.concat([members.subarray(0, at), Buffer.alloc(512), members.subarray(at), Buffer.alloc(1024)]);
    for (const run of await both('lone-zero.tar', broken)) expectOneLineError(run, /^layerscope: corrupt tar header in the archive$/);
  });

  it('a negative size and a PAX size that is not a decimal are corrupt headers, in a layer too', async () => {
    const negative = tarHeader({ name: Buffer.from('n'), typeFlag: '0', size: 0 });
    negative.fill(0xff, 124, 136);
    negative.fill(' ', 148, 156);
    negative.write(
      `${negative
        .reduce((s, b) => s + b, 0)
        .toString(8)
        .padStart(6, '0')}\0 `,
      148,
      'latin1',
    );
    const pax = Buffer.from('12 size=1e3\n');
    const paxLayer = Buffer.concat([
      tarHeader({ name: Buffer.from('p'), typeFlag: 'x', size: pax.length }),
      pax,
      Buffer.alloc(500),
      tarHeader({ name: Buffer.from('f'), typeFlag: '0', size: 0 }),
      Buffer.alloc(1024),
    ]);
    for (const layer of [Buffer.concat([negative, Buffer.alloc(1024)]), paxLayer]) {
      for (const run of await both('bad-layer.tar', legacy(layer, ['l/layer.tar']))) {
        expectOneLineError(run, /^layerscope: corrupt tar header in layer blob 'l\/layer\.tar'$/);
      }
    }
  });
});
