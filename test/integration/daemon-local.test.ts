// The local Docker daemon, reached by the default socket and through docker contexts, gives the same
// analysis as `docker save` of the same image.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { parseDaemonHost, readFromDaemon, resolveDockerEndpoint } from '../../src/io/daemon/index.js';
import type { ReadProgress } from '../../src/io/read-options.js';
import { run } from './daemon-support/commands.js';
import { summarise } from './daemon-support/model-summary.js';
import { prepareTestImage, type TestImage } from './daemon-support/test-image.js';

const available = requireOrSkip('Docker daemon (docker info)', dockerAvailable());
const socketEnv = { DOCKER_CONFIG: '/nonexistent-docker-config' };

describe.skipIf(!available)('reading from the local Docker daemon', () => {
  let image: TestImage;
  beforeAll(async () => {
    image = await prepareTestImage('local');
  });
  afterAll(async () => image?.cleanup());

  it('gives the same analysis as the saved archive, named as typed', async () => {
    const endpoint = await resolveDockerEndpoint({ env: socketEnv, home: '/nonexistent' });
    expect(endpoint.url).toBe('unix:///var/run/docker.sock');
    const model = await readFromDaemon(image.ref, endpoint, { engine: 'docker' });
    expect(summarise(model)).toEqual(image.expected);
    expect(model.name).toBe(image.ref);
    expect(model.tags).toContain(image.ref);
  });

  // dockerd -H tcp://… without TLS, as seen through a relay to its socket: the export is read off a tcp
  // socket (raw-export.ts), with the Host header a tcp endpoint gets.
  it('gives the same analysis over plain tcp', async () => {
    const hosts: string[] = [];
    const relay = createServer((client) => {
      const upstream = connect('/var/run/docker.sock');
      client.on('data', (chunk: Buffer) =>
        hosts.push(...[...chunk.toString('latin1').matchAll(/\r\nHost: (\S+)\r\n/gi)].map((m) => m[1]!)),
      );
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = relay.address() as AddressInfo;
      const endpoint = parseDaemonHost(`tcp://127.0.0.1:${port}`, 'test');
      const model = await readFromDaemon(image.ref, endpoint, { engine: 'docker' });
      expect(summarise(model)).toEqual(image.expected);
      expect(hosts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(hosts)).toEqual(new Set([`127.0.0.1:${port}`]));
    } finally {
      relay.close();
    }
  });

  it('reads a bare name as name:latest (one image, not every tag)', async () => {
    const endpoint = await resolveDockerEndpoint({ env: socketEnv, home: '/nonexistent' });
    const model = await readFromDaemon(image.repository, endpoint, { engine: 'docker' });
    expect(summarise(model)).toEqual(image.expected);
    expect(model.warnings).toEqual([]);
    expect(model.name).toBe(image.repository);
  });

  it('reads by short image id', async () => {
    const id = (await run('docker', ['image', 'inspect', '-f', '{{.Id}}', image.ref])).stdout.trim();
    const short = id.replace('sha256:', '').slice(0, 12);
    const endpoint = await resolveDockerEndpoint({ env: socketEnv, home: '/nonexistent' });
    const model = await readFromDaemon(short, endpoint, { engine: 'docker' });
    expect(summarise(model)).toEqual(image.expected);
    expect(model.id).toBe(id);
    // Shorter than 12 hex digits too, as docker's CLI takes it (docker inspect resolves the prefix).
    const shorter = id.replace('sha256:', '').slice(0, 8);
    expect((await run('docker', ['image', 'inspect', '-f', '{{.Id}}', shorter])).stdout.trim()).toBe(id);
    expect((await readFromDaemon(shorter, endpoint, { engine: 'docker' })).id).toBe(id);
  });

  it('reads through a docker context, chosen by --context and by currentContext', async () => {
    const config = join(image.workDir, 'docker-config');
    const meta = join(config, 'contexts', 'meta', createHash('sha256').update('local-sock').digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(
      join(meta, 'meta.json'),
      JSON.stringify({
        Name: 'local-sock',
        Metadata: {},
        Endpoints: { docker: { Host: 'unix:///var/run/docker.sock', SkipTLSVerify: false } },
      }),
    );
    const byFlag = await resolveDockerEndpoint({ context: 'local-sock', env: { DOCKER_CONFIG: config }, home: '/nonexistent' });
    expect(byFlag.origin).toContain('local-sock');
    expect(summarise(await readFromDaemon(image.ref, byFlag, { engine: 'docker' }))).toEqual(image.expected);

    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'local-sock' }));
    const current = await resolveDockerEndpoint({ env: { DOCKER_CONFIG: config }, home: '/nonexistent' });
    expect(current.origin).toContain('local-sock');
    expect(summarise(await readFromDaemon(image.ref, current, { engine: 'docker' }))).toEqual(image.expected);
  });

  it('reports progress against the size the daemon announced', async () => {
    const endpoint = await resolveDockerEndpoint({ env: socketEnv, home: '/nonexistent' });
    const seen: ReadProgress[] = [];
    await readFromDaemon(image.ref, endpoint, { engine: 'docker', onProgress: (p) => seen.push(p) });
    const size = Number((await run('docker', ['image', 'inspect', '-f', '{{.Size}}', image.ref])).stdout.trim());
    const last = seen.at(-1)!;
    expect(last.bytesTotal).toBe(size);
    expect(last.bytesRead).toBeGreaterThan(0);
    expect(last.layersTotal).toBe(image.expected.layers.length);
  });

  it('says an absent image is not there, hints docker pull, and never pulls', async () => {
    const endpoint = await resolveDockerEndpoint({ env: socketEnv, home: '/nonexistent' });
    const missing = `${image.repository}:absent`;
    const err = await readFromDaemon(missing, endpoint, { engine: 'docker' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'source', hint: expect.stringContaining(`docker pull ${missing}`) });
    expect((err as Error).message).toBe(`image ${missing} is not in the Docker daemon at unix:///var/run/docker.sock`);
  });

  it('with pull, reports a failing pull in one line', async () => {
    const endpoint = await resolveDockerEndpoint({ env: socketEnv, home: '/nonexistent' });
    const err = await readFromDaemon('127.0.0.1:1/layerscope/absent:1', endpoint, { engine: 'docker', pull: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'source' });
    expect((err as Error).message).toMatch(/^pull of 127\.0\.0\.1:1\/layerscope\/absent:1 failed: /);
    expect((err as Error).message).not.toContain('\n');
  });
});
