// `cat`, `extract` and `log` of an image straight from a registry (Debian's docker-registry on loopback,
// images pushed with skopeo, gzip and zstd layers). A registry's blob lies in no file, so the content
// commands keep its layers in the layer store as they pass, as they do for the daemon's stream; and a
// layer whose parse the layer cache already has (from a `--json` read) is fetched again for its bytes
// rather than recalled without them. Expected bytes are the contents written into the image here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { openContentReader } from '../../src/io/content/content-reader.js';
import type { BlobSource } from '../../src/io/read-options.js';
import { readFromRegistry } from '../../src/io/registry/read-from-registry.js';
import { LayerStore } from '../../src/io/store/layer-store.js';
import { commandWorks, requireOrSkip } from '../helpers/integration.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';
import { cliBuilt } from './daemon-support/cli.js';
import { startFaultProxy, type FaultProxy } from './registry-support/fault-proxy.js';
import { skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';

const ready = requireOrSkip(
  'docker-registry, skopeo and the built CLI',
  existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version']) && cliBuilt(),
);

// 3 MiB and more of text: spans many 1 MiB reads and several compressed frames.
const LONG = Array.from({ length: 120_000 }, (_, i) => `line ${i} of the long file\n`).join('');
const IMAGE: ImageSpec = {
  layers: [
    {
      command: 'RUN base',
      entries: [
        { path: 'etc/conf', content: 'first\n' },
        { path: 'data/long.txt', content: LONG },
      ],
    },
    { command: 'RUN change', entries: [{ path: 'etc/conf', content: 'second, longer\n' }] },
  ],
};

describe.skipIf(!ready)('file contents from a registry', () => {
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  let dir = '';
  const refs: [string, string][] = [];
  const cacheEnv = (name: string): Record<string, string> => ({ XDG_CACHE_HOME: join(dir, name) });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-content-reg-'));
    registry = await startRegistry();
    proxy = await startFaultProxy(registry.host);
    const archive = join(dir, 'image.tar');
    writeFileSync(archive, writeImageArchive(IMAGE, 'docker-oci'));
    await skopeoPush(`docker-archive:${archive}`, `${registry.host}/content:gzip`, { compress: 'gzip' });
    await skopeoPush(`docker-archive:${archive}`, `${registry.host}/content:zstd`, { compress: 'zstd' });
    refs.push(['gzip', `registry:${registry.host}/content:gzip`], ['zstd', `registry:${registry.host}/content:zstd`]);
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cat gives each version of a file, with a fresh layer store', async () => {
    for (const [name, ref] of refs) {
      const env = cacheEnv(`fresh-${name}`);
      const latest = await cli(['cat', ref, '/etc/conf'], { env });
      expect(latest.stderr, name).toBe('');
      expect(latest.stdout, name).toBe('second, longer\n');
      expect((await cli(['cat', ref, '/etc/conf', '--layer', '1'], { env })).stdout, name).toBe('first\n');
      const long = await cli(['cat', ref, '/data/long.txt'], { env });
      expect(long.stdout === LONG, `${name}: ${long.stdout.length} bytes of ${LONG.length}`).toBe(true);
    }
  });

  it('cat after a --json read, whose layer cache has the parses but no layer bytes', async () => {
    const [, ref] = refs[0]!;
    const env = cacheEnv('after-json');
    const json = await cli(['--json', '/dev/null', ref], { env });
    expect(json.code, json.stderr).toBe(0);
    const got = await cli(['cat', ref, '/data/long.txt'], { env });
    expect(got.stderr).toBe('');
    expect(got.stdout === LONG).toBe(true);
    // Both layers' tars are in the store now, beside their parses.
    const listed = await cli(['cache', 'ls'], { env });
    expect(listed.stdout).toMatch(/^2 layers, 2 parsed layers, /m);
  });

  it('extract and log read the registry image too', async () => {
    const [, ref] = refs[1]!;
    const env = cacheEnv('extract');
    const out = join(dir, 'out');
    const extracted = await cli(['extract', ref, '/etc', '-o', out], { env });
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(readFileSync(join(out, 'etc/conf'), 'utf8')).toBe('second, longer\n');
    const log = await cli(['log', ref, '/etc/conf', '--json'], { env });
    const changes = (JSON.parse(log.stdout) as { layer: number; change: string; sizeBytes: number }[]).map((c) => [
      c.layer,
      c.change,
      c.sizeBytes,
    ]);
    expect(changes).toEqual([
      [1, 'added', 6],
      [2, 'modified', 15],
    ]);
  });

  it('with --no-cache, cat of a registry image says how to get the bytes', async () => {
    const [, ref] = refs[0]!;
    expectOneLineError(
      await cli(['cat', '--no-cache', ref, '/etc/conf'], { env: cacheEnv('none') }),
      /the bytes of layer 2 were not kept when the image was read$/,
      /cat and extract keep the layers of a daemon, registry or stdin image/,
    );
  });

  // The explorer without --keep-layers: the read keeps no layer; the files viewed are fetched again,
  // each layer once, into the store, and shown only once their bytes are the config's diff_id.
  it('the explorer reads a file by fetching its layer again, once, and never shows a corrupted one', async () => {
    const sources: BlobSource[] = [];
    const image = await readFromRegistry(`${proxy.host}/content:gzip`, {
      platform: { os: 'linux', architecture: 'amd64' },
      credentials: async () => undefined,
      onBlobSource: (source) => sources.push(source),
    });
    expect(image.layers.map((l) => l.blob)).toEqual([undefined, undefined]);
    const store = new LayerStore(join(dir, 'explorer-store'), 1 << 30);
    const blobSource = (digest: string) => sources.find((s) => s.has(digest));
    const reader = openContentReader(image, { store, blobSource });
    const at = (path: string) => image.paths.find(path)!;
    proxy.log.length = 0;
    const parts: Buffer[] = [];
    for (let from = 0; from < LONG.length; from += 1 << 20)
      parts.push(Buffer.from(await reader.read(0, at('data/long.txt'), from, 1 << 20)));
    expect(Buffer.concat(parts).toString() === LONG).toBe(true);
    expect(Buffer.from(await reader.read(1, at('etc/conf'), 0, 100)).toString()).toBe('second, longer\n');
    const blobGets = proxy.log.filter((line) => line.startsWith('GET') && line.includes('/blobs/'));
    expect(blobGets.map((line) => line.split('/blobs/')[1])).toEqual([image.layers[0]!.digest, image.layers[1]!.digest]);
    await reader.close();

    // A second reader on an empty store, through a proxy that now flips a byte of layer 1's blob.
    proxy.faults.flipBlob = image.layers[0]!.digest;
    const corrupt = openContentReader(image, { store: new LayerStore(join(dir, 'explorer-store-2'), 1 << 30), blobSource });
    await expect(corrupt.read(0, at('etc/conf'), 0, 100)).rejects.toThrow(image.layers[0]!.digest!);
    proxy.faults.flipBlob = undefined;
    expect(Buffer.from(await corrupt.read(0, at('etc/conf'), 0, 100)).toString()).toBe('first\n');
    await corrupt.close();
    for (const source of sources) source.close();
  });
});
