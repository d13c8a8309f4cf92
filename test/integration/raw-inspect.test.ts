// The inspect read off a plain socket (raw-inspect.ts), which a local read now makes instead of dockerode's:
// against the real daemon it must answer what dockerode answers (the expected values are dockerode's),
// and against a stand-in engine it must map each status and each broken answer as the dockerode path does
// (the messages are the ones the CLI tests of that path expect).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DOCKER_SOCKET, parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { inspectImage } from '../../src/io/daemon/engine-api.js';
import { inspectRaw } from '../../src/io/daemon/raw-inspect.js';
import { readFromDaemon } from '../../src/io/daemon/read-from-daemon.js';
import type { ReadProgress } from '../../src/io/read-options.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';
import { standInEngine, type StandInEngine } from './daemon-support/stand-in-engine.js';

const answerWith = (status: string, headers: string, body = ''): string =>
  `HTTP/1.1 ${status}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const ENGINE = 'Server: Docker/20.10.24 (linux)\r\nApi-Version: 1.41\r\n';

describe('the raw inspect, against a stand-in engine', () => {
  let stand: StandInEngine;
  beforeEach(() => void (stand = standInEngine()));
  afterEach(() => stand.close());
  const target = async (answer: string | null, answerTimeoutMs?: number) => ({
    endpoint: await stand.start((socket) => (answer === null ? undefined : socket.end(answer))),
    engine: 'docker' as const,
    ...(answerTimeoutMs ? { answerTimeoutMs } : {}),
  });

  it('asks for the reference path segment by path segment, and takes the image and the engine build', async () => {
    // Chunked, split across writes: the body is framed, not read to the close.
    const t = {
      endpoint: await stand.start((socket) => {
        socket.write(`HTTP/1.1 200 OK\r\n${ENGINE}Transfer-Encoding: chunked\r\n\r\n6\r\n{"Id":\r\n`);
        socket.write('a\r\n"sha256:1"\r\n1\r\n}\r\n0\r\n\r\n');
      }),
      engine: 'docker' as const,
    };
    const answer = await inspectRaw(t, 'localhost:5000/app:v1#x');
    expect(answer).toEqual({ image: { Id: 'sha256:1' }, answeredBy: 'Docker/20.10.24 (linux); api 1.41; libpod api ' });
    expect(stand.requests[0]).toBe(
      'GET /images/localhost%3A5000/app%3Av1%23x/json HTTP/1.1\r\nHost: localhost\r\nAccept: application/json, application/x-tar\r\nConnection: close\r\n\r\n',
    );
  });

  it('404 is "not there"', async () => {
    expect(await inspectRaw(await target(answerWith('404 Not Found', ENGINE, '{"message":"No such image: a:1"}')), 'a:1')).toBeUndefined();
  });

  it("400 is the user's bad reference, in the engine's words", async () => {
    const body = '{"message":"no such image: A:1: invalid reference format: repository name must be lowercase"}';
    await expect(inspectRaw(await target(answerWith('400 Bad Request', ENGINE, body)), 'A:1')).rejects.toMatchObject({
      kind: 'usage',
      message: "'A:1' is not an image reference the Docker daemon accepts: invalid reference format: repository name must be lowercase",
    });
  });

  it("any other status is the daemon's refusal, in its words or as the status", async () => {
    await expect(
      inspectRaw(await target(answerWith('500 Internal Server Error', ENGINE, '{"message":"disk is full"}')), 'a:1'),
    ).rejects.toMatchObject({
      kind: 'source',
      message: expect.stringMatching(/^the Docker daemon at unix:\/\/.* refused to inspect a:1: disk is full$/),
    });
    await stand.close();
    stand = standInEngine();
    await expect(
      inspectRaw(await target(answerWith('301 Moved Permanently', `${ENGINE}Location: http://elsewhere/\r\n`)), 'a:1'),
    ).rejects.toThrow(/refused to inspect a:1: HTTP 301$/);
  });

  it('a 200 without an id is the daemon at fault, in one line', async () => {
    await expect(inspectRaw(await target(answerWith('200 OK', ENGINE, 'not json')), 'a:1')).rejects.toThrow(
      /^the Docker daemon at unix:\/\/.* answered the inspect of a:1 without an image id$/,
    );
  });

  it('an answer without an API version is some other server, even a 200 that looks like an image', async () => {
    await expect(inspectRaw(await target(answerWith('200 OK', 'Server: nginx\r\n', '{"Id":"sha256:abc"}')), 'a:1')).rejects.toMatchObject({
      message: expect.stringMatching(
        /^the server at unix:\/\/.* is not the Docker daemon: HTTP 200 without an API version \(server: nginx\)$/,
      ),
    });
  });

  it("Go's TLS server answering plain HTTP means TLS is not configured", async () => {
    const goTls = 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n';
    await expect(inspectRaw(await target(goTls), 'a:1')).rejects.toThrow(/: the daemon expects TLS, but TLS is not configured/);
  });

  it('a daemon that accepts and never answers fails after the answer timeout', async () => {
    await expect(inspectRaw(await target(null, 300), 'a:1')).rejects.toMatchObject({
      message: expect.stringMatching(/^cannot connect to the Docker daemon at unix:\/\/.*: no answer within 0\.3 s$/),
    });
  });

  it('a cancelled inspect stops waiting and says so', async () => {
    const controller = new AbortController();
    const pending = inspectRaw(await target(null), 'a:1', controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(/^cancelled$/);
  });

  it('a server that cuts its answer short fails as a broken connection, not as an answer', async () => {
    await expect(inspectRaw(await target(`HTTP/1.1 200 OK\r\n${ENGINE}Content-Length: 100\r\n\r\n{"Id":`), 'a:1')).rejects.toThrow(
      /^cannot connect to the Docker daemon at unix:\/\/.*: the connection closed before a whole answer$/,
    );
  });

  it('an answer too large for an inspect is refused, not gathered', async () => {
    const t = {
      endpoint: await stand.start((socket) => {
        socket.write(`HTTP/1.1 200 OK\r\n${ENGINE}\r\n`);
        const mib = Buffer.alloc(1 << 20, 0x20);
        for (let i = 0; i < 9; i++) socket.write(mib);
        socket.end();
      }),
      engine: 'docker' as const,
    };
    await expect(inspectRaw(t, 'a:1')).rejects.toThrow(/more than 8388608 bytes where a short answer was expected/);
  });
});

const available = requireOrSkip('Docker daemon', dockerAvailable());

describe.skipIf(!available)('the raw inspect, against the real daemon', () => {
  const endpoint = parseDaemonHost(`unix://${DEFAULT_DOCKER_SOCKET}`, 'test');
  const target = { endpoint, engine: 'docker' as const };
  const ref = 'lstest/raw-inspect:1';
  beforeEach(() => buildBusyboxImage(ref, ['echo hi > /hi']), 60_000);
  afterEach(() => removeImages([ref]));

  it("answers exactly what dockerode's inspect answers: the image, and the engine build", async () => {
    const [raw, viaDockerode] = [await inspectRaw(target, ref), await inspectImage(target, ref)];
    expect(viaDockerode?.image.Id).toMatch(/^sha256:/);
    expect(raw).toEqual(viaDockerode);
    expect(await inspectRaw(target, `${ref}0-absent`)).toBeUndefined();
  });
});

// The daemon writes the whole image out before its export's first byte (seconds for a large one): the
// read says so at once, at 0 bytes of the size the inspect gave, and the explorer loads its modules then.
describe('a read from a stand-in engine', () => {
  let stand: StandInEngine;
  beforeEach(() => void (stand = standInEngine()));
  afterEach(() => stand.close());

  it('reports 0 bytes of the inspected size before it asks for the export', async () => {
    const seen: ReadProgress[] = [];
    const seenAtExport: number[] = [];
    const inspect = JSON.stringify({
      Id: `sha256:${'ab'.repeat(32)}`,
      Size: 1234,
      RootFS: { Layers: ['sha256:1', 'sha256:2', 'sha256:1'] },
    });
    const endpoint = await stand.start((socket) => {
      if (stand.requests.at(-1)!.startsWith('GET /images/get')) {
        seenAtExport.push(seen.length);
        socket.end(answerWith('500 Internal Server Error', ENGINE, '{"message":"stop here"}'));
      } else socket.end(answerWith('200 OK', ENGINE, inspect));
    });
    const reading = readFromDaemon('app:1', endpoint, { engine: 'docker', onProgress: (p) => seen.push(p) });
    await expect(reading).rejects.toThrow(/refused to export app:1: stop here$/);
    expect(seenAtExport).toEqual([1]);
    expect(seen).toEqual([{ bytesRead: 0, bytesTotal: 1234, layersDone: 0, layersTotal: 2, waitingFor: 'the Docker daemon' }]);
  });
});
