// The inspect and export a daemon read sends before the command line has loaded (early-requests.ts),
// against the real daemon through a relay that records each request's first line: the read takes both
// (one inspect and one export, not two of each) and makes the same image of them; a record of the
// image's last export in the layer cache spares the export; an early export the read cannot use is
// dropped and asked for again. And in a process of their own: requests nobody took do not keep it
// alive, and a taken one does, until it answers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEarlyRead, takeEarlyExport, takeEarlyInspect } from '../../src/io/daemon/early-requests.js';
import { DEFAULT_DOCKER_SOCKET, parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { readFromDaemon } from '../../src/io/daemon/read-from-daemon.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { ROOT, runCommand } from '../helpers/run-cli.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';
import { cliBuilt } from './daemon-support/cli.js';
import { summarise } from './daemon-support/model-summary.js';
import { standInEngine } from './daemon-support/stand-in-engine.js';

const available = requireOrSkip('Docker daemon', dockerAvailable());
const ref = `lstest/early-${process.pid}:1`;

/** GET /images/NAME/json → 'inspect', GET /images/get?… → 'export'. */
const kind = (line: string): string => (line.includes('/images/get?') ? 'export' : line.endsWith('/json HTTP/1.1') ? 'inspect' : line);

describe.skipIf(!available)('early requests to the real daemon', { timeout: 60_000 }, () => {
  let dir = '';
  let relay: Server | undefined;
  let seen: string[] = [];
  let id = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-early-'));
    await buildBusyboxImage(ref, ['echo early > /early']);
    id = execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', ref], { encoding: 'utf8' }).trim();
  }, 120_000);
  afterAll(async () => {
    await removeImages([ref]);
    rmSync(dir, { recursive: true, force: true });
  });
  const open = new Set<{ destroy(): void }>();
  afterEach(async () => {
    // A failed test may leave an export unread: its connections go, so that closing does not wait on them.
    for (const socket of open) socket.destroy();
    open.clear();
    await new Promise((done) => (relay ? relay.close(done) : done(undefined)));
    relay = undefined;
  });

  /** A socket in front of the daemon's, recording the first line of each request. */
  const relayed = async (): Promise<string> => {
    seen = [];
    const path = join(dir, `relay-${Math.random().toString(36).slice(2)}.sock`);
    relay = createServer((client) => {
      const upstream = connect(DEFAULT_DOCKER_SOCKET);
      open.add(client).add(upstream);
      client.once('data', (chunk: Buffer) => seen.push(kind(chunk.toString('latin1').split('\r\n')[0]!)));
      client.pipe(upstream).pipe(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((done) => relay!.listen(path, done));
    return path;
  };
  const direct = () => readFromDaemon(ref, parseDaemonHost(`unix://${DEFAULT_DOCKER_SOCKET}`, 'test'), { engine: 'docker' });

  it('the read takes the early inspect and export: one of each, and the same image', async () => {
    const socketPath = await relayed();
    await startEarlyRead({ ref, dockerConfig: '/nonexistent', socketPath, reusePieces: true });
    const model = await readFromDaemon(ref, parseDaemonHost(`unix://${socketPath}`, 'test'), { engine: 'docker' });
    expect(seen).toEqual(['inspect', 'export']);
    expect(summarise(model)).toEqual(summarise(await direct()));
  });

  it("a record of the image's last export in the cache: the inspect only", async () => {
    const socketPath = await relayed();
    const records = join(dir, 'export');
    mkdirSync(records, { recursive: true });
    writeFileSync(join(records, id.replace('sha256:', '')), '{}');
    await startEarlyRead({ ref, dockerConfig: '/nonexistent', socketPath, exportRecords: records, reusePieces: true });
    const endpoint = parseDaemonHost(`unix://${socketPath}`, 'test');
    expect((await takeEarlyInspect(endpoint, 'docker', ref))?.image.Id).toBe(id);
    expect(await takeEarlyExport(endpoint, 'docker', id, true)).toBeUndefined();
    expect(seen).toEqual(['inspect']);
  });

  it('an early export goes only to a read of the same image that uses its pieces the same way, and once', async () => {
    const socketPath = await relayed();
    const endpoint = parseDaemonHost(`unix://${socketPath}`, 'test');
    const start = async (): Promise<void> => {
      await startEarlyRead({ ref, dockerConfig: '/nonexistent', socketPath, reusePieces: true });
      await takeEarlyInspect(endpoint, 'docker', ref);
    };
    // A read keeping the layers (a layer store writes the pieces out later) must not get reused pieces.
    await start();
    expect(await takeEarlyExport(endpoint, 'docker', id, false)).toBeUndefined();
    await start();
    expect(await takeEarlyExport(endpoint, 'docker', `sha256:${'0'.repeat(64)}`, true)).toBeUndefined();
    await start();
    const taken = await takeEarlyExport(endpoint, 'docker', id, true);
    expect(taken).toBeDefined();
    taken!.stream.destroy();
    expect(await takeEarlyExport(endpoint, 'docker', id, true)).toBeUndefined();
  });
});

describe.skipIf(!cliBuilt())('early requests and the process', { timeout: 20_000 }, () => {
  const stand = standInEngine();
  afterAll(() => stand.close());
  const script = (socketPath: string, take: boolean): string => `
    const m = await import(${JSON.stringify(join(ROOT, 'dist/io/daemon/early-requests.js'))});
    await m.startEarlyRead({ ref: 'app', dockerConfig: '/nonexistent', socketPath: ${JSON.stringify(socketPath)}, reusePieces: true });
    if (${take}) {
      const endpoint = { kind: 'unix', socketPath: ${JSON.stringify(socketPath)}, url: '', origin: 'test' };
      const found = await m.takeEarlyInspect(endpoint, 'docker', 'app');
      console.log(found ? found.image.Id : 'nothing');
    }`;

  it('requests nobody takes do not keep it alive (the daemon here never answers: 30 s)', async () => {
    const { socketPath } = (await stand.start(() => undefined)) as { socketPath: string };
    const run = await runCommand(process.execPath, ['--input-type=module', '-e', script(socketPath, false)]);
    expect(run.code).toBe(0);
    expect(stand.requests).toHaveLength(1);
  });

  it('a taken request keeps it alive until it answers', async () => {
    await stand.close();
    const engine = standInEngine();
    try {
      const body = JSON.stringify({ Id: `sha256:${'e'.repeat(64)}` });
      const { socketPath } = (await engine.start((socket) =>
        // Answered on a later turn of this process's loop, well after the child has taken the request.
        setImmediate(() => socket.end(`HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: ${body.length}\r\n\r\n${body}`)),
      )) as { socketPath: string };
      const run = await runCommand(process.execPath, ['--input-type=module', '-e', script(socketPath, true)]);
      expect(run.stdout.trim()).toBe(`sha256:${'e'.repeat(64)}`);
    } finally {
      await engine.close();
    }
  });
});
