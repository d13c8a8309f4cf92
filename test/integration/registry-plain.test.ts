// A real registry (Debian's docker-registry) on loopback over plain HTTP: images pushed with skopeo
// (from the daemon: gzip; from an archive built in code: zstd; a multi-platform index with an
// attestation) read the same as the archives they came from, and the digests are skopeo's.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { openFileSource } from '../../src/io/open-file-source.js';
import { readFromRegistry } from '../../src/io/registry/read-from-registry.js';
import type { ReadOptions } from '../../src/io/read-options.js';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages, saveImage } from './daemon-support/busybox-image.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { summarise } from './daemon-support/model-summary.js';
import { imageFor, writeMultiPlatformLayout } from './registry-support/images.js';
import { skopeoInspect, skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';

const ready = requireOrSkip(
  'docker-registry, skopeo, a Docker daemon and the built CLI',
  existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version']) && dockerAvailable() && cliBuilt(),
);
const amd64 = { os: 'linux', architecture: 'amd64' };
const read = (ref: string, opts: Partial<ReadOptions> = {}) =>
  readFromRegistry(ref, { platform: amd64, credentials: async () => undefined, ...opts });

describe.skipIf(!ready)('registry over plain HTTP (loopback)', () => {
  let registry: RunningRegistry;
  let dir = '';
  const tag = `ls-registry-plain-${process.pid}:1`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-reg-plain-'));
    registry = await startRegistry();
    await buildBusyboxImage(tag, ['echo hello > /greeting', 'rm /greeting && mkdir -p /app && echo one > /app/x']);
    await saveImage(tag, join(dir, 'save.tar'));
    await skopeoPush(`docker-daemon:${tag}`, `${registry.host}/busybox:gzip`);
    writeFileSync(join(dir, 'app.tar'), writeImageArchive(imageFor('amd64'), 'oci-archive'));
    await skopeoPush(`oci-archive:${join(dir, 'app.tar')}`, `${registry.host}/app:zstd`, { compress: 'zstd' });
    await writeMultiPlatformLayout(join(dir, 'multi'));
    await skopeoPush(`oci:${join(dir, 'multi')}:multi`, `${registry.host}/multi:1`, { all: true });
  });
  afterAll(async () => {
    await registry?.stop();
    await removeImages([tag]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a gzip image pushed from the daemon exactly as its docker save archive', async () => {
    const fromRegistry = await read(`${registry.host}/busybox:gzip`);
    const fromArchive = await openFileSource('path', join(dir, 'save.tar'), {});
    expect(summarise(fromRegistry)).toEqual(summarise(fromArchive));
    // Layer blobs and diff ids as skopeo sees them in the registry (not computed by the code under test).
    const manifest = (await skopeoInspect(`${registry.host}/busybox:gzip`, true)) as { layers: { digest: string }[] };
    const config = (await skopeoInspect(`${registry.host}/busybox:gzip`, false, ['--config'])) as { rootfs: { diff_ids: string[] } };
    expect(fromRegistry.layers.map((l) => l.digest)).toEqual(manifest.layers.map((l) => l.digest));
    expect(fromRegistry.layers.map((l) => l.diffId)).toEqual(config.rootfs.diff_ids);
  });

  it('reads zstd layers pushed from an archive built in code, as that archive reads', async () => {
    const fromRegistry = await read(`${registry.host}/app:zstd`);
    const fromArchive = await openFileSource('oci-archive', join(dir, 'app.tar'), {});
    expect(summarise(fromRegistry)).toEqual(summarise(fromArchive));
    const manifest = (await skopeoInspect(`${registry.host}/app:zstd`, true)) as { layers: { mediaType: string }[] };
    expect(manifest.layers.map((l) => l.mediaType)).toEqual(Array(2).fill('application/vnd.oci.image.layer.v1.tar+zstd'));
  });

  it('picks --platform from a multi-platform index and skips the attestation', async () => {
    const arm = await read(`${registry.host}/multi:1`, { platform: { os: 'linux', architecture: 'arm64' } });
    expect(arm.architecture).toBe('arm64');
    expect(arm.layers.map((l) => l.command)).toEqual(['ADD base', 'RUN build arm64']);
    expect(arm.warnings).toEqual([]);
    const x86 = await read(`${registry.host}/multi:1`);
    expect(x86.layers[1]!.command).toBe('RUN build amd64');
  });

  it('CLI: an absent platform lists the ones there are (not the attestation)', async () => {
    const run = await runCli(['--json', '-', '--platform', 'linux/s390x', `registry:${registry.host}/multi:1`], {});
    expectOneLineError(run, /no linux\/s390x image in .*multi:1; it has: linux\/amd64, linux\/arm64\/v8$/, /--platform linux\/amd64/);
  });

  it('CLI: registry:REF gives the same JSON numbers as the archive', async () => {
    const fromRegistry = await runCli(['--json', '-', `registry:${registry.host}/busybox:gzip`], {});
    const fromArchive = await runCli(['--json', '-', join(dir, 'save.tar')], {});
    expect(fromRegistry.code, fromRegistry.stderr).toBe(0);
    const numbers = (text: string) => {
      const json = JSON.parse(text) as {
        image: Record<string, unknown>;
        layer: { digestId: string; sizeBytes: number; entryCount: number }[];
      };
      return {
        size: json.image.sizeBytes,
        wasted: json.image.inefficientBytes,
        eff: json.image.efficiencyScore,
        layers: json.layer.map((l) => [l.digestId, l.sizeBytes, l.entryCount]),
      };
    };
    expect(numbers(fromRegistry.stdout)).toEqual(numbers(fromArchive.stdout));
    expect(fromRegistry.stderr).toBe('');
  });

  it('CLI: a missing tag and an unknown repository are one-line errors', async () => {
    expectOneLineError(
      await runCli(['--json', '-', `registry:${registry.host}/busybox:nope`], {}),
      new RegExp(`${registry.host}/busybox:nope not found on registry ${registry.host}: no such tag$`),
      /its tags: gzip$/,
    );
    expectOneLineError(
      await runCli(['--json', '-', `registry:${registry.host}/nothing/here`], {}),
      /not found on registry .*: no such repository/,
      /repository name/,
    );
  });

  it('CLI: a bare reference the daemon does not have is read from the registry, saying so in one line', async () => {
    const run = await runCli(['--json', '-', `${registry.host}/app:zstd`], {});
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`is not in the Docker daemon.*; reading ${registry.host}/app:zstd from the registry instead$`));
    expect((JSON.parse(run.stdout) as { layer: unknown[] }).layer).toHaveLength(2);
    const noDaemon = await runCli(['--json', '-', `${registry.host}/app:zstd`], { DOCKER_HOST: `unix://${dir}/no.sock` });
    expect(noDaemon.code, noDaemon.stderr).toBe(0);
    expect(noDaemon.stderr).toMatch(/cannot connect to the Docker daemon.*; reading .* from the registry instead\n$/);
  });

  it("CLI: when neither the daemon nor the registry has a bare reference, the daemon's error stands, the registry's in its hint", async () => {
    expectOneLineError(
      await runCli(['--json', '-', `${registry.host}/app:absent`], {}),
      new RegExp(`^layerscope: image ${registry.host}/app:absent is not in the Docker daemon at unix:///var/run/docker\\.sock$`),
      new RegExp(
        `docker pull .*; the registry could not give it either \\(${registry.host}/app:absent not found on registry ${registry.host}: no such tag\\)$`,
      ),
    );
  });

  it('CLI: docker:REF never falls back, and a registry that is down is unreachable', async () => {
    expectOneLineError(await runCli(['--json', '-', `docker:${registry.host}/app:zstd`], {}), /is not in the Docker daemon/);
    const stopped = await startRegistry();
    await stopped.stop();
    expectOneLineError(
      await runCli(['--json', '-', `registry:${stopped.host}/app:1`], {}),
      new RegExp(`cannot reach registry ${stopped.host}: connection refused`),
      /that it is up/,
    );
  });
});
