// `layerscope cat` gives byte-identical output to GNU tar's `tar -xO` of the same layer, from every
// source: docker save, skopeo oci-archive (gzip, zstd), skopeo oci dir, the Docker daemon, podman's API
// and standard input. Stream sources go through the layer store (a fresh XDG_CACHE_HOME here); two
// processes storing the same layers at once leave a valid store.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { BIN } from '../helpers/run-cli.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';
import { run } from './daemon-support/commands.js';

const ready = requireOrSkip('docker daemon and skopeo', dockerAvailable() && commandWorks('skopeo', ['--version']));
const podmanSocket = '/tmp/layerscope-podman/podman.sock';
const podman =
  ready && requireOrSkip('podman API service (scripts/ci/services.sh)', commandWorks('podman', ['version']) && existsSync(podmanSocket));
const tag = `lsfix-content-${process.pid}-${Date.now().toString(36)}:test`;

// Layer 3 writes /data/blob (binary: part of busybox), layer 4 rewrites it; /data/text stays from layer 3.
const STEPS = [
  '["/bin/busybox","sh","-c","mkdir -p /data && head -c 300001 /bin/busybox > /data/blob && printf \'line\\\\n%.0s\' $(seq 1 5000) > /data/text"]',
  '["/bin/busybox","sh","-c","tail -c 70000 /bin/busybox > /data/blob && ln /data/text /data/hard"]',
];

interface Catted {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}
function cat(args: readonly string[], env: NodeJS.ProcessEnv, stdin?: Buffer): Promise<Catted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'cat', ...args], { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => out.push(c));
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    if (stdin) child.stdin!.on('error', () => {}).end(stdin);
  });
}

describe.skipIf(!ready)('cat from every source equals tar -xO of the layer', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  /** GNU tar's bytes for (layer number, path), from the layer tars of `docker save`. */
  const expected = new Map<string, Buffer>();
  const sources: [string, string][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-content-src-'));
    env = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), CONTAINER_HOST: `unix://${podmanSocket}` };
    await buildBusyboxImage(tag, STEPS);
    const save = join(dir, 'save.tar');
    await run('docker', ['save', '-o', save, tag]);
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', save, 'manifest.json']).toString()) as { Layers: string[] }[];
    const layers = manifest[0]!.Layers;
    const layerTar = (n: number): Buffer => execFileSync('tar', ['-xOf', save, layers[n - 1]!], { maxBuffer: 64 << 20 });
    const fromTar = (n: number, path: string): Buffer =>
      execFileSync('tar', ['-xO', 'data/' + path], { input: layerTar(n), maxBuffer: 64 << 20 });
    expected.set('1 /bin/busybox', execFileSync('tar', ['-xO', 'bin/busybox'], { input: layerTar(1), maxBuffer: 64 << 20 }));
    expected.set('3 /data/blob', fromTar(3, 'blob'));
    expected.set('3 /data/text', fromTar(3, 'text'));
    expected.set('4 /data/blob', fromTar(4, 'blob'));
    // tar -xO of a hardlink gives nothing; its bytes are those of the file it links to (layer 3's text).
    expected.set('4 /data/hard', fromTar(3, 'text'));
    const out = (name: string): string => join(dir, name);
    await run('skopeo', ['copy', '-q', `docker-archive:${save}`, `oci-archive:${out('oci-gzip.tar')}`]);
    await run('skopeo', ['copy', '-q', '--dest-compress-format', 'zstd', `docker-archive:${save}`, `oci-archive:${out('oci-zstd.tar')}`]);
    await run('skopeo', ['copy', '-q', `docker-archive:${save}`, `oci:${out('oci-dir')}`]);
    sources.push(
      ['docker save', save],
      ['oci-archive gzip', `oci-archive:${out('oci-gzip.tar')}`],
      ['oci-archive zstd', `oci-archive:${out('oci-zstd.tar')}`],
      ['oci dir', `oci:${out('oci-dir')}`],
      ['daemon', `docker:${tag}`],
    );
    if (podman) {
      await run('podman', ['--url', `unix://${podmanSocket}`, 'load', '-q', '-i', save]);
      sources.push(['podman', `podman:localhost/${tag}`]);
    }
  });
  afterAll(async () => {
    await removeImages([tag]);
    if (podman) await run('podman', ['--url', `unix://${podmanSocket}`, 'rmi', '-f', `localhost/${tag}`]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the same bytes from every source', async () => {
    expect(expected.get('3 /data/blob')!.length).toBe(300001);
    for (const [name, source] of sources) {
      for (const [key, bytes] of expected) {
        const [layer, path] = key.split(' ') as [string, string];
        const got = await cat([source, path, '--layer', layer], env);
        expect(got.stderr, `${name} ${key}`).toBe('');
        expect(got.stdout.equals(bytes), `${name} ${key}`).toBe(true);
      }
    }
  });

  it('reads the same bytes from standard input, two processes filling one store at once', async () => {
    const save = readFileSync(join(dir, 'save.tar'));
    const fresh = { ...env, XDG_CACHE_HOME: join(dir, 'cache-stdin') };
    const [a, b] = await Promise.all([cat(['-', '/data/blob', '--layer', '3'], fresh, save), cat(['-', '/data/text'], fresh, save)]);
    expect(a.stdout.equals(expected.get('3 /data/blob')!), a.stderr).toBe(true);
    expect(b.stdout.equals(expected.get('3 /data/text')!), b.stderr).toBe(true);
    // The store both wrote is whole: every layer reads back through a third process.
    for (const [key, bytes] of expected) {
      const [layer, path] = key.split(' ') as [string, string];
      expect((await cat(['-', path, '--layer', layer], fresh, save)).stdout.equals(bytes), key).toBe(true);
    }
    const listed = execFileSync(process.execPath, [BIN, 'cache', 'ls'], { env: fresh }).toString();
    expect(listed).toMatch(/^4 layers, .* in .*cache-stdin\/layerscope/m);
  });

  it('a corrupted store copy is detected and not used; the next read stores the layer anew', async () => {
    // skopeo's docker-archive names each layer <diff id>.tar, so a read does not store a layer it has again.
    await run('skopeo', ['copy', '-q', `docker-archive:${join(dir, 'save.tar')}`, `docker-archive:${join(dir, 'skopeo.tar')}`]);
    const save = readFileSync(join(dir, 'skopeo.tar'));
    const fresh = { ...env, XDG_CACHE_HOME: join(dir, 'cache-corrupt') };
    const busybox = expected.get('1 /bin/busybox')!;
    expect((await cat(['-', '/bin/busybox', '--layer', '1'], fresh, save)).stdout.equals(busybox)).toBe(true);
    const layers = join(dir, 'cache-corrupt/layerscope/layers/sha256');
    const biggest = readdirSync(layers)
      .filter((n) => !n.endsWith('.idx'))
      .map((n) => join(layers, n))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    const fd = openSync(biggest, 'r+');
    writeSync(fd, Buffer.from('XXXX'), 0, 4, 100_000);
    closeSync(fd);
    const damaged = await cat(['-', '/bin/busybox', '--layer', '1'], fresh, save);
    expect(damaged.code).toBe(2);
    expect(damaged.stdout.length).toBe(0);
    expect(damaged.stderr).toMatch(
      /^layerscope: the stored copy of layer sha256:[0-9a-f]{64} is damaged \(block 0 does not match its hash\); it was removed\n {2}hint: read the image again/,
    );
    expect((await cat(['-', '/bin/busybox', '--layer', '1'], fresh, save)).stdout.equals(busybox)).toBe(true);
  });

  it('with --no-cache, a stream source says how to get the bytes', async () => {
    const got = await cat(['--no-cache', `docker:${tag}`, '/data/text'], { ...env, XDG_CACHE_HOME: join(dir, 'cache-none') });
    expect(got.code).toBe(2);
    expect(got.stderr).toMatch(
      /^layerscope: the bytes of layer \d were not kept when the image was read\n {2}hint: cat and extract keep the layers of a daemon, registry or stdin image in the layer store, unless --no-cache, a layer larger than the cap \(--cache-max\) or a store that cannot be written stops it; or open the explorer with --keep-layers/,
    );
  });
});
