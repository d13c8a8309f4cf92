// The layer cache against every source kind, with real images: a warm read prints exactly what the cold
// one did (numbers and every file) and parses nothing; a rebuilt image (top layer changed) parses only
// that layer; a damaged cache file is dropped and the layer parsed again; two processes fill one cache
// at once; a registry's cached layers are not fetched (their blobs are deleted from the registry first).
// Parses are counted by the `--debug` line. Expected counts by hand: the images are FROM scratch +
// COPY busybox + RUN --install + two RUN steps = 4 layers; the rebuild changes the last RUN only.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { BIN, runCommand, type CliRun } from '../helpers/run-cli.js';
import { buildBusyboxImage, removeImages, saveImage } from './daemon-support/busybox-image.js';
import { cliBuilt } from './daemon-support/cli.js';
import { run } from './daemon-support/commands.js';
import { skopeoInspect, skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';

const ready = requireOrSkip(
  'a Docker daemon, skopeo, docker-registry and the built CLI',
  dockerAvailable() && commandWorks('skopeo', ['--version']) && existsSync(REGISTRY_BIN) && cliBuilt(),
);

const DEBUG_LINE = /layer cache: (\d+) layers parsed, (\d+) from the cache/;

describe.skipIf(!ready)('layer cache, every source', { timeout: 300_000 }, () => {
  let dir = '';
  let registry: RunningRegistry;
  const tagA = `ls-cache-a-${process.pid}:1`;
  const tagB = `ls-cache-b-${process.pid}:1`;

  /** The CLI with its cache in `cache`; `--json - --json-files --debug` (stdin: `input`). */
  const read = (cache: string, source: string, input?: Buffer): Promise<CliRun> =>
    runCommand(process.execPath, [BIN, '--debug', '--json', '-', '--json-files', source], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent', XDG_CACHE_HOME: cache },
      ...(input ? { stdin: input } : {}),
    });
  const counts = (r: CliRun): { parsed: number; recalled: number } => {
    expect(r.code, r.stderr).toBe(0);
    const m = DEBUG_LINE.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    return { parsed: Number(m![1]), recalled: Number(m![2]) };
  };
  let n = 0;
  const freshCache = (): string => join(dir, `cache-${n++}`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-cache-'));
    await buildBusyboxImage(tagA, ['echo one > /one', 'echo two > /two']);
    await buildBusyboxImage(tagB, ['echo one > /one', 'echo rebuilt > /two']);
    await saveImage(tagA, join(dir, 'a.tar'));
    await saveImage(tagB, join(dir, 'b.tar'));
    // skopeo's (and podman's) docker-archive names each layer <diff id>.tar: a stream can skip it by name.
    await run('skopeo', ['copy', '--quiet', `docker-daemon:${tagA}`, `docker-archive:${join(dir, 'a-skopeo.tar')}`]);
    await run('skopeo', ['copy', '--quiet', `docker-daemon:${tagB}`, `docker-archive:${join(dir, 'b-skopeo.tar')}`]);
    await run('skopeo', ['copy', '--quiet', '--dest-compress', `docker-daemon:${tagA}`, `oci:${join(dir, 'oci')}:a`]);
    await run('skopeo', ['copy', '--quiet', '--dest-compress', `docker-daemon:${tagB}`, `oci:${join(dir, 'oci')}:b`]);
    registry = await startRegistry();
    await skopeoPush(`docker-daemon:${tagA}`, `${registry.host}/cache:a`);
    await skopeoPush(`docker-daemon:${tagB}`, `${registry.host}/cache:b`);
  });
  afterAll(async () => {
    await registry?.stop();
    await removeImages([tagA, tagB]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sources = (): [string, string, string, Buffer?, Buffer?][] => [
    ['archive file', `docker-archive:${join(dir, 'a.tar')}`, `docker-archive:${join(dir, 'b.tar')}`],
    ['OCI dir (gzip)', `oci:${join(dir, 'oci')}:a`, `oci:${join(dir, 'oci')}:b`],
    ['stdin', '-', '-', readFileSync(join(dir, 'a.tar')), readFileSync(join(dir, 'b.tar'))],
    ['stdin (<diff id>.tar)', '-', '-', readFileSync(join(dir, 'a-skopeo.tar')), readFileSync(join(dir, 'b-skopeo.tar'))],
    ['daemon', `docker:${tagA}`, `docker:${tagB}`],
    ['registry', `registry:${registry.host}/cache:a`, `registry:${registry.host}/cache:b`],
  ];

  it.each(['archive file', 'OCI dir (gzip)', 'stdin', 'stdin (<diff id>.tar)', 'daemon', 'registry'])(
    '%s: warm = cold, nothing parsed; the rebuild parses its top layer only',
    async (kind) => {
      const [, a, b, inA, inB] = sources().find(([name]) => name === kind)!;
      const cache = freshCache();
      const cold = await read(cache, a, inA);
      expect(counts(cold)).toEqual({ parsed: 4, recalled: 0 });
      const warm = await read(cache, a, inA);
      expect(counts(warm)).toEqual({ parsed: 0, recalled: 4 });
      expect(warm.stdout).toBe(cold.stdout);
      const rebuilt = await read(cache, b, inB);
      expect(counts(rebuilt)).toEqual({ parsed: 1, recalled: 3 });
      // The rebuilt image read without the cache is the reference.
      const reference = await runCommand(process.execPath, [BIN, '--no-cache', '--json', '-', '--json-files', b], {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: '/nonexistent',
          DOCKER_CONFIG: '/nonexistent',
          XDG_CACHE_HOME: freshCache(),
        },
        ...(inB ? { stdin: inB } : {}),
      });
      expect(reference.code, reference.stderr).toBe(0);
      expect(rebuilt.stdout).toBe(reference.stdout);
    },
  );

  it('reads an unchanged image again from a registry with its manifest alone: its blobs can be gone', async () => {
    const cache = freshCache();
    const source = `registry:${registry.host}/cache:a`;
    const cold = await read(cache, source);
    counts(cold);
    // Every blob of the image, layers and config, deleted from the registry's storage (the manifest stays).
    const manifest = (await skopeoInspect(`${registry.host}/cache:a`, true)) as {
      config: { digest: string };
      layers: { digest: string }[];
    };
    const blobs = join(registry.storage, 'docker/registry/v2/blobs/sha256');
    for (const { digest } of [...manifest.layers, manifest.config]) {
      const hex = digest.slice('sha256:'.length);
      rmSync(join(blobs, hex.slice(0, 2), hex, 'data'));
    }
    expect(manifest.layers).toHaveLength(4);
    const warm = await read(cache, source);
    expect(counts(warm)).toEqual({ parsed: 0, recalled: 4 });
    expect(warm.stdout).toBe(cold.stdout);
    // Without the cache the same read now fails: the blobs really are gone.
    const without = await runCommand(process.execPath, [BIN, '--no-cache', '--json', '-', source], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', XDG_CACHE_HOME: freshCache() },
    });
    expect(without.code).toBe(2);
  });

  it('drops a truncated or damaged cache file and parses that layer again', async () => {
    const cache = freshCache();
    const source = `docker-archive:${join(dir, 'a.tar')}`;
    const cold = await read(cache, source);
    const entries = join(cache, 'layerscope', 'entries', 'sha256');
    const files = readdirSync(entries)
      .map((f) => join(entries, f))
      .sort((x, y) => statSync(y).size - statSync(x).size);
    expect(files).toHaveLength(4);
    truncateSync(files[0]!, statSync(files[0]!).size - 1);
    // One letter of a path: still valid JSON of the right shape, so only the checksum can tell.
    const buf = readFileSync(files[1]!);
    const at = buf.indexOf('"bin/', 48);
    expect(at).toBeGreaterThan(0);
    buf[at + 1] = 'c'.charCodeAt(0);
    writeFileSync(files[1]!, buf);
    const again = await read(cache, source);
    expect(counts(again)).toEqual({ parsed: 2, recalled: 2 });
    expect(again.stdout).toBe(cold.stdout);
    expect(counts(await read(cache, source))).toEqual({ parsed: 0, recalled: 4 });
    const listed = await runCommand(process.execPath, [BIN, 'cache', 'ls'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_CACHE_HOME: cache },
    });
    expect(listed.stdout).toMatch(/^0 layers, 4 parsed layers, /m);
    expect(listed.stdout.split('\n').filter((l) => / entries /.test(l))).toHaveLength(4);
  });

  it('two processes filling one cache at once both succeed and leave it whole', async () => {
    const cache = freshCache();
    const source = `docker-archive:${join(dir, 'a.tar')}`;
    const [one, two] = await Promise.all([read(cache, source), read(cache, source)]);
    counts(one);
    counts(two);
    expect(two.stdout).toBe(one.stdout);
    const third = await read(cache, source);
    expect(counts(third)).toEqual({ parsed: 0, recalled: 4 });
    expect(third.stdout).toBe(one.stdout);
    expect(readdirSync(join(cache, 'layerscope', 'tmp'))).toEqual([]);
  });

  it('diff of two images sharing three layers parses each shared layer once', async () => {
    const cache = freshCache();
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', XDG_CACHE_HOME: cache };
    const args = [BIN, 'diff', '--debug', '--json', '-', `docker-archive:${join(dir, 'a.tar')}`, `oci:${join(dir, 'oci')}:b`];
    const cold = await runCommand(process.execPath, args, { env });
    // 4 layers of A + the 1 of B that A lacks; B's other 3 come from A's reads.
    expect(counts(cold)).toEqual({ parsed: 5, recalled: 3 });
    const warm = await runCommand(process.execPath, args, { env });
    expect(counts(warm)).toEqual({ parsed: 0, recalled: 8 });
    expect(warm.stdout).toBe(cold.stdout);
  });
});
