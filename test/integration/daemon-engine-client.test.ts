// What dockerode must not do behind layerscope's back, and listImages against the real daemon:
// - read DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH itself (a bad DOCKER_CERT_PATH would throw,
//   DOCKER_HOST would win over --context);
// - follow a redirect through Node's global agent (an error there is unhandled and kills the process);
// - take a server that is not a container engine for one.
import { createHash } from 'node:crypto';
import { getEventListeners, once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { inspectImage, listImages, type EngineTarget } from '../../src/io/daemon/engine-api.js';
import { parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { freePort, run } from './daemon-support/commands.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';

const available = requireOrSkip('Docker daemon and the built CLI', dockerAvailable() && cliBuilt());

type Answer = (res: ServerResponse) => void;

describe.skipIf(!available)('the Engine API client (dockerode)', () => {
  let dir: string;
  let server: Server;
  let socket: string;
  let answer: Answer = (res) => res.end();
  let requests: string[] = [];
  let refusedPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-engine-client-'));
    socket = join(dir, 'fake-engine.sock');
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      answer(res);
    });
    server.listen(socket);
    await once(server, 'listening');
    refusedPort = await freePort();
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fakeHost = (): string => `unix://${socket}`;
  const redirectElsewhere =
    (engine: boolean): Answer =>
    (res) => {
      res.writeHead(301, { Location: `http://127.0.0.1:${refusedPort}/images/x/json`, ...(engine ? { 'Api-Version': '1.43' } : {}) });
      res.end();
    };

  it('a redirect from the daemon is answered as its status, never followed', async () => {
    answer = redirectElsewhere(true);
    requests = [];
    const result = await runCli(['-H', fakeHost(), '--json', '-', 'busybox:latest'], {});
    expectOneLineError(
      result,
      new RegExp(`^layerscope: the Docker daemon at unix://${socket} refused to inspect busybox:latest: HTTP 301$`),
      /docker info/,
    );
    expect(requests).toEqual(['GET /images/busybox%3Alatest/json']); // once: not followed
  });

  it('a redirect from some other server is "not the Docker daemon", never followed', async () => {
    answer = redirectElsewhere(false);
    const result = await runCli(['-H', fakeHost(), '--json', '-', 'busybox:latest'], {});
    expectOneLineError(
      result,
      new RegExp(`^layerscope: the server at unix://${socket} is not the Docker daemon: HTTP 301 without an API version`),
      /check the address \(from --host\)/,
    );
  });

  it('a 200 from some other server is not taken for an image', async () => {
    answer = (res) => res.writeHead(200, { Server: 'nginx', 'Content-Type': 'application/json' }).end('{"Id":"sha256:abc"}');
    const target: EngineTarget = { endpoint: parseDaemonHost(fakeHost(), 'test'), engine: 'podman' };
    await expect(inspectImage(target, 'busybox:latest')).rejects.toMatchObject({
      kind: 'source',
      message: `the server at unix://${socket} is not podman: HTTP 200 without an API version (server: nginx)`,
    });
  });

  it('the daemon is the one layerscope chose, whatever DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH say', async () => {
    answer = (res) =>
      res.writeHead(404, { 'Api-Version': '1.43', 'Content-Type': 'application/json' }).end('{"message":"No such image: x"}');
    const config = join(dir, 'docker-config');
    const meta = join(config, 'contexts', 'meta', createHash('sha256').update('fake').digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'fake', Metadata: {}, Endpoints: { docker: { Host: fakeHost() } } }));
    // docker-modem would throw reading /nonexistent/ca.pem, or dial 127.0.0.1:PORT with TLS.
    const hostile = {
      DOCKER_CONFIG: config,
      DOCKER_HOST: `tcp://127.0.0.1:${refusedPort}`,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/nonexistent',
    };
    const result = await runCli(['--context', 'fake', '--json', '-', 'lstest/absent:1'], hostile);
    expectOneLineError(
      result,
      new RegExp(`^layerscope: image lstest/absent:1 is not in the Docker daemon at unix://${socket}$`),
      /docker pull/,
    );
  });

  it('the same in the library: the process environment does not reach the modem', async () => {
    answer = (res) => res.writeHead(404, { 'Api-Version': '1.43' }).end();
    const saved = { ...process.env };
    Object.assign(process.env, { DOCKER_HOST: `tcp://127.0.0.1:${refusedPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' });
    try {
      const target: EngineTarget = { endpoint: parseDaemonHost(fakeHost(), 'test'), engine: 'docker' };
      expect(await inspectImage(target, 'busybox:latest')).toBeUndefined();
      expect(process.env.DOCKER_CERT_PATH).toBe('/nonexistent'); // put back after the modem was built
    } finally {
      for (const key of ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('calls leave no listener on the signal they were given (one signal may serve a whole session)', async () => {
    answer = (res) => res.writeHead(404, { 'Api-Version': '1.43' }).end();
    const { signal } = new AbortController();
    const target: EngineTarget = { endpoint: parseDaemonHost(fakeHost(), 'test'), engine: 'docker' };
    for (let i = 0; i < 12; i++) expect(await inspectImage(target, 'busybox:latest', signal)).toBeUndefined();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  describe('listImages against the real daemon', () => {
    const repository = `lstest-list-${process.pid}`;
    beforeAll(async () => buildBusyboxImage(`${repository}:v1`, ['echo one > /one'], [`${repository}:v2`]));
    afterAll(async () => removeImages([`${repository}:v1`, `${repository}:v2`]));

    it('lists each name of an image as docker images does, with its size and creation time', async () => {
      const target: EngineTarget = { endpoint: parseDaemonHost('unix:///var/run/docker.sock', 'test'), engine: 'docker' };
      const mine = (await listImages(target)).filter((row) => row.repository === repository);
      const fromCli = (await run('docker', ['images', '--no-trunc', '--format', '{{.Repository}} {{.Tag}} {{.ID}}', repository])).stdout
        .trim()
        .split('\n')
        .sort();
      expect(mine.map((row) => `${row.repository} ${row.tag} ${row.id}`).sort()).toEqual(fromCli);
      const inspect = JSON.parse((await run('docker', ['image', 'inspect', `${repository}:v1`])).stdout) as [
        { Size: number; Created: string },
      ];
      for (const row of mine) {
        expect(row.sizeBytes).toBe(inspect[0].Size);
        // The list has whole seconds; inspect has nanoseconds.
        expect(row.created).toBe(new Date(Math.floor(Date.parse(inspect[0].Created) / 1000) * 1000).toISOString());
      }
    });
  });
});
