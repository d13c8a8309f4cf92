// Archives written by the real tools (docker save, skopeo: oci-archive gzip and zstd, docker-archive,
// oci dir) all read to the same layers, and to the entries worked out by hand from the Dockerfile.
import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageModel } from '../../src/core/model.js';
import { openFileSource, type FileSourceKind } from '../../src/io/open-file-source.js';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { summary } from '../unit/io/archive-helpers.js';

const ready = requireOrSkip('docker daemon and skopeo', dockerAvailable() && commandWorks('skopeo', ['--version']));
const podman = ready && requireOrSkip('podman (for podman save archives)', commandWorks('podman', ['version']));
const tag = `lsfix-archives-${process.pid}-${Date.now().toString(36)}:test`;
const busyboxSize = (): number => Number(execFileSync('stat', ['-c', '%s', '/bin/busybox']).toString().trim());

const DOCKERFILE = `FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox","sh","-c","/bin/busybox mkdir -p /app/old /etc && echo hello > /app/a.txt && echo keep > /app/old/x && echo one > /etc/conf"]
ENV GREETING=hi
RUN ["/bin/busybox","sh","-c","echo changed > /app/a.txt && /bin/busybox rm /etc/conf && /bin/busybox rm -rf /app/old && echo new > /app/b.txt"]
`;

/** Entries as sorted plain data (tools may order them differently), with hashes. */
const layerView = (model: ImageModel) =>
  model.layers.map((layer) => ({
    diffId: layer.diffId,
    command: layer.command,
    sizeBytes: layer.sizeBytes,
    entries: layer.entries
      .map((e) => `${model.paths.path(e.path)} ${e.kind} ${e.size} ${e.mode.toString(8)} ${e.hash ?? '-'} ${e.linkTarget ?? ''}`)
      .sort(),
  }));
const kindsOf = (model: ImageModel, layer: number) =>
  model.layers[layer]!.entries.map((e) => `${model.paths.path(e.path)} ${e.kind} ${e.size}`).sort();

describe.skipIf(!ready)('archives written by docker and skopeo', () => {
  let dir = '';
  const sources: [string, FileSourceKind, string][] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-archives-'));
    const context = join(dir, 'context');
    execFileSync('mkdir', ['-p', context]);
    copyFileSync('/bin/busybox', join(context, 'busybox'));
    writeFileSync(join(context, 'Dockerfile'), DOCKERFILE);
    execFileSync('docker', ['build', '-q', '-t', tag, context], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: 'pipe' });
    const out = (name: string): string => join(dir, name);
    execFileSync('docker', ['save', '-o', out('save.tar'), tag]);
    execFileSync('skopeo', ['copy', '-q', `docker-daemon:${tag}`, `oci-archive:${out('oci-gzip.tar')}`]);
    execFileSync('skopeo', ['copy', '-q', '--dest-compress-format', 'zstd', `docker-daemon:${tag}`, `oci-archive:${out('oci-zstd.tar')}`]);
    execFileSync('skopeo', ['copy', '-q', `docker-daemon:${tag}`, `docker-archive:${out('docker-archive.tar')}`]);
    execFileSync('skopeo', ['copy', '-q', `docker-daemon:${tag}`, `oci:${out('oci-dir')}`]);
    sources.push(
      ['docker save', 'path', out('save.tar')],
      ['skopeo oci-archive (gzip)', 'oci-archive', out('oci-gzip.tar')],
      ['skopeo oci-archive (zstd)', 'oci-archive', out('oci-zstd.tar')],
      ['skopeo docker-archive', 'docker-archive', out('docker-archive.tar')],
      ['skopeo oci dir', 'oci', out('oci-dir')],
    );
    if (podman) {
      // podman names what it loads localhost/NAME; it writes its own docker-archive and OCI shapes.
      execFileSync('podman', ['load', '-q', '-i', out('save.tar')], { stdio: 'pipe' });
      execFileSync('podman', ['save', '-q', '-o', out('podman.tar'), tag], { stdio: 'pipe' });
      execFileSync('podman', ['save', '-q', '--format', 'oci-archive', '-o', out('podman-oci.tar'), tag], { stdio: 'pipe' });
      sources.push(['podman save', 'path', out('podman.tar')], ['podman save --format oci-archive', 'path', out('podman-oci.tar')]);
    }
  });

  afterAll(() => {
    try {
      execFileSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
    } catch {
      /* already gone */
    }
    if (podman)
      try {
        execFileSync('podman', ['rmi', '-f', `localhost/${tag}`], { stdio: 'ignore' });
      } catch {
        /* already gone */
      }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads docker save into the layers worked out by hand', async () => {
    const model = await openFileSource('path', join(dir, 'save.tar'), { name: tag });
    expect(model.tags).toEqual([tag]);
    expect(model.layers.map((l) => l.command)).toEqual([
      expect.stringMatching(/COPY file:[0-9a-f]+ in \/bin\/busybox/),
      expect.stringMatching(/^\/bin\/busybox sh -c \/bin\/busybox mkdir -p \/app\/old/),
      expect.stringMatching(/^\/bin\/busybox sh -c echo changed/),
    ]);
    expect(model.history.map((h) => h.layerIndex)).toEqual([0, 1, undefined, 2]);
    expect(model.history[2]!.createdBy).toMatch(/ENV GREETING=hi/);
    expect(kindsOf(model, 0)).toEqual(['bin dir 0', `bin/busybox file ${busyboxSize()}`]);
    expect(kindsOf(model, 1)).toEqual([
      'app dir 0',
      'app/a.txt file 6',
      'app/old dir 0',
      'app/old/x file 5',
      'etc dir 0',
      'etc/conf file 4',
    ]);
    expect(kindsOf(model, 2)).toEqual([
      'app dir 0',
      'app/a.txt file 8',
      'app/b.txt file 4',
      'app/old whiteout 0',
      'etc dir 0',
      'etc/conf whiteout 0',
    ]);
    expect(model.layers[1]!.sizeBytes).toBe(15);
    expect(model.warnings).toEqual([]);
  });

  it('reads the same layers from every skopeo and podman shape', async () => {
    const expected = layerView(await openFileSource('path', join(dir, 'save.tar'), {}));
    for (const [label, kind, location] of sources.slice(1)) {
      const model = await openFileSource(kind, location, {});
      expect(layerView(model), label).toEqual(expected);
      expect(
        model.history.map((h) => [h.createdBy, h.layerIndex]),
        label,
      ).toHaveLength(4);
    }
  });

  it('reads every archive file the same with random access as streamed in one pass (stdin, the daemon)', async () => {
    for (const [label, kind, location] of sources.filter(([, kind]) => kind !== 'oci')) {
      const fromFile = await openFileSource(kind, location, {});
      const streamed = await openFileSource('stdin', '-', { stdin: createReadStream(location) });
      expect(summary(fromFile), label).toEqual(summary(streamed));
    }
  });

  it('records compressed blob digests for the OCI shapes', async () => {
    const gz = await openFileSource('oci-archive', join(dir, 'oci-gzip.tar'), {});
    const zst = await openFileSource('oci-archive', join(dir, 'oci-zstd.tar'), {});
    for (const model of [gz, zst]) {
      model.layers.forEach((layer) => {
        expect(layer.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
        expect(layer.digest).not.toBe(layer.diffId);
      });
    }
    expect(zst.layers[0]!.digest).not.toBe(gz.layers[0]!.digest);
  });
});
