// A first read from the daemon on its root-made socket keeps every layer in the cache under the diff id
// the daemon gives it (its inspect's RootFS.Layers) without hashing the export: the daemon computed those
// itself. Through a tcp relay to the same daemon, the layers are hashed as any stream's are. The bytes
// given to sha256 are counted (node:crypto's createHash, wrapped), against the layers' size from docker.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCKER_SOCKET, parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { readFromDaemon } from '../../src/io/daemon/read-from-daemon.js';
import { cacheIn, kept } from '../helpers/layer-cache.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';

const hashed = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  const createHash = (algorithm: string, options?: object) => {
    const hash = actual.createHash(algorithm, options);
    if (algorithm !== 'sha256') return hash;
    const update = hash.update.bind(hash);
    hash.update = ((data: string | NodeJS.ArrayBufferView, encoding?: BufferEncoding) => {
      hashed.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      return encoding ? update(data as string, encoding) : update(data);
    }) as typeof hash.update;
    return hash;
  };
  return { ...actual, createHash, default: { ...actual, createHash } };
});

const asRoot = process.getuid?.() === 0;
const available = requireOrSkip('a Docker daemon on its default socket, read as root', dockerAvailable() && asRoot);
const ref = `lstest/trusted-cache-${process.pid}:1`;
const MiB = 1 << 20;

describe.skipIf(!available)('a first read from the local daemon and the layer cache', () => {
  let dir = '';
  let diffIds: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-trusted-daemon-'));
    await buildBusyboxImage(ref, ['head -c 3000000 /dev/urandom > /noise']);
    diffIds = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref], { encoding: 'utf8' }));
  }, 120_000);
  afterAll(async () => {
    await removeImages([ref]);
    rmSync(dir, { recursive: true, force: true });
  });
  const hexes = (): string[] => [...new Set(diffIds.map((d) => d.replace('sha256:', '')))].sort();

  it('from the root-made socket: every layer kept under its daemon diff id, the layers not hashed', async () => {
    const root = join(dir, 'socket');
    hashed.bytes = 0;
    await readFromDaemon(ref, parseDaemonHost(`unix://${DEFAULT_DOCKER_SOCKET}`, 'test'), { engine: 'docker', layerCache: cacheIn(root) });
    expect(kept(root).sort()).toEqual(hexes());
    // The config and the cache files' own checksums, not the 4 MB of layers (busybox and the noise).
    expect(hashed.bytes).toBeLessThan(MiB);
  });

  it('through a tcp relay to the same daemon: the same entries, every layer hashed', async () => {
    const relay = createServer((client) => {
      const upstream = connect(DEFAULT_DOCKER_SOCKET);
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const root = join(dir, 'tcp');
      hashed.bytes = 0;
      const { port } = relay.address() as AddressInfo;
      await readFromDaemon(ref, parseDaemonHost(`tcp://127.0.0.1:${port}`, 'test'), { engine: 'docker', layerCache: cacheIn(root) });
      expect(kept(root).sort()).toEqual(hexes());
      expect(hashed.bytes).toBeGreaterThan(4 * MiB);
    } finally {
      relay.close();
    }
  });
});
