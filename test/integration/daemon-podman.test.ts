// podman's API service (its own unix socket: from scripts/ci/services.sh, or started here) gives the same
// analysis as `docker save` of the image that was `podman load`ed into it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { contentSetup, parsedCacheFrom } from '../../src/cli/commands/layer-store-setup.js';
import { loadImage } from '../../src/cli/load-image.js';
import { parseSourceSpec } from '../../src/cli/source-spec.js';
import { ping, readFromDaemon, resolvePodmanEndpoint } from '../../src/io/daemon/index.js';
import { run, waitFor } from './daemon-support/commands.js';
import { summarise } from './daemon-support/model-summary.js';
import { prepareTestImage, type TestImage } from './daemon-support/test-image.js';

const available = requireOrSkip('Docker daemon and podman', dockerAvailable() && commandWorks('podman', ['version']));

describe.skipIf(!available)('reading from podman', () => {
  let image: TestImage;
  let service: ChildProcess | undefined;
  let socket: string;

  beforeAll(async () => {
    image = await prepareTestImage('podman');
    socket = process.env.LAYERSCOPE_PODMAN_SOCKET ?? join(image.workDir, 'podman.sock');
    if (!existsSync(socket)) {
      service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { stdio: 'ignore' });
    }
    const endpoint = resolvePodmanEndpoint({ env: { CONTAINER_HOST: `unix://${socket}` }, home: '/nonexistent', uid: 0 });
    await waitFor('the podman API service', () =>
      ping({ endpoint, engine: 'podman' }).then(
        () => true,
        () => false,
      ),
    );
    await run('podman', ['load', '-q', '-i', image.archive]);
  });
  afterAll(async () => {
    if (image) await run('podman', ['rmi', '-f', `localhost/${image.ref}`]).catch(() => undefined);
    service?.kill();
    await image?.cleanup();
  });

  it('CONTAINER_HOST=unix://… gives the same analysis as the saved archive', async () => {
    const endpoint = resolvePodmanEndpoint({ env: { CONTAINER_HOST: `unix://${socket}` }, home: '/nonexistent', uid: 0 });
    const model = await readFromDaemon(image.ref, endpoint, { engine: 'podman' });
    expect(summarise(model)).toEqual(image.expected);
    expect(model.name).toBe(image.ref);
  });

  // What the client asks podman is seen on a socket in front of podman's: the request line of each call.
  // The first read asks for exactly one export, so a second read that asks for none is seen to.
  it('reads an unchanged image again from the layer cache, without asking podman for an export', async () => {
    const asked: string[] = [];
    let connections = 0;
    const front = join(image.workDir, 'front.sock');
    const server = createServer((client) => {
      connections++;
      const upstream = connect(socket);
      // Every request line, however many requests the connection carries (a read keeps it for its calls).
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(/(?:^|\r\n)(?:GET|POST|HEAD|PUT|DELETE) (\S+) HTTP\/1\.[01]\r\n/g))
          asked.push(m[1]!);
      });
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => server.listen(front, resolve));
    try {
      const endpoint = resolvePodmanEndpoint({ env: { CONTAINER_HOST: `unix://${front}` }, home: '/nonexistent', uid: 0 });
      const layerCache = parsedCacheFrom({ XDG_CACHE_HOME: join(image.workDir, 'recall-cache') }, {})!;
      const cold = await readFromDaemon(image.ref, endpoint, { engine: 'podman', layerCache });
      expect(asked.filter((path) => path.includes('/images/get'))).toHaveLength(1);
      // The inspect through dockerode, the export on a connection of its own, read off the socket
      // (raw-export.ts): a unix socket costs nothing to open, unlike an ssh session or a TLS handshake.
      expect(asked.length).toBeGreaterThanOrEqual(2);
      expect(connections).toBe(2);
      const warm = await readFromDaemon(image.ref, endpoint, { engine: 'podman', layerCache });
      expect(asked.filter((path) => path.includes('/images/get'))).toHaveLength(1);
      const layers = new Set(image.expected.layers.map((l) => l.diffId)).size;
      expect(layerCache.stats).toEqual({ parsed: layers, recalled: layers });
      expect(summarise(warm)).toEqual(image.expected);
      expect(warm).toEqual(cold);
    } finally {
      server.close();
    }
  });

  it('says an absent image is not in podman, with a podman pull hint', async () => {
    const endpoint = resolvePodmanEndpoint({ env: { CONTAINER_HOST: `unix://${socket}` }, home: '/nonexistent', uid: 0 });
    await expect(readFromDaemon(`${image.repository}:absent`, endpoint, { engine: 'podman' })).rejects.toMatchObject({
      kind: 'source',
      message: expect.stringContaining('is not in podman at unix://'),
      hint: expect.stringContaining('podman pull'),
    });
  });

  // The explorer keeps no layer as it reads; its viewer has podman export the image again, by id.
  it("the viewer's reader gets a file by exporting the image again from podman", async () => {
    const env = { CONTAINER_HOST: `unix://${socket}`, XDG_CACHE_HOME: join(image.workDir, 'cache') };
    const setup = contentSetup(env, {});
    const model = await loadImage(
      parseSourceSpec(`podman:${image.ref}`, undefined, existsSync),
      { env, stdin: process.stdin, pull: false },
      {
        ...setup.refetchOptions,
      },
    );
    expect(model.layers.every((l) => l.blob === undefined)).toBe(true);
    const reader = setup.reader(model, true);
    const text = async (layer: number) => Buffer.from(await reader.read(layer, model.paths.find('app/a.txt')!, 0, 100)).toString();
    expect(await text(3)).toBe('again\n');
    expect(await text(2)).toBe('hello\n');
    await reader.close();
  });
});
