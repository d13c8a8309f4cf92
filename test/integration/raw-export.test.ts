// The export read off a unix socket (raw-export.ts) against a stand-in engine that writes its answer byte
// for byte: what it is asked, what comes out of a 40 MiB chunked body (checked against its SHA-256, and
// read through a ring of at most a handful of buffers), and the one-line errors of an engine that stops,
// refuses, or is no engine at all.
import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { openRawExport } from '../../src/io/daemon/raw-export.js';
import { prng } from '../helpers/prng.js';
import { standInEngine, type StandInEngine } from './daemon-support/stand-in-engine.js';

const ID = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const OK_HEAD = 'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n';

let stand: StandInEngine;
let requests: string[];

beforeEach(() => {
  stand = standInEngine();
  requests = stand.requests;
});
afterEach(() => stand.close());

/** An engine whose answer `answer` writes, and an export job for it. */
async function engine(answer: (socket: Socket) => void) {
  const endpoint = await stand.start(answer);
  return { job: { endpoint, engine: 'docker' as const, imageId: ID, ref: 'app:1' } };
}

/** Writes `body` as chunks of random sizes (1 byte to 64 KiB), waiting for the socket to drain. */
async function writeChunked(socket: Socket, body: Buffer, end = true): Promise<void> {
  const random = prng(7);
  socket.write(OK_HEAD);
  for (let at = 0; at < body.length;) {
    const n = Math.min(body.length - at, 1 + Math.floor(random() * 65536));
    socket.write(`${n.toString(16)}\r\n`);
    socket.write(body.subarray(at, at + n));
    const ok = socket.write('\r\n');
    at += n;
    if (!ok) await new Promise((resolve) => socket.once('drain', resolve));
  }
  if (end) socket.end('0\r\n\r\n');
}

describe('the raw export', () => {
  it('asks for the image by id, and hands out the body whole, through a few reused buffers', async () => {
    const body = Buffer.alloc(40 << 20);
    const random = prng(3);
    for (let i = 0; i < body.length; i += 4) body.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
    const { job } = await engine((socket) => void writeChunked(socket, body));
    const exported = await openRawExport(job, undefined, true);
    const sha = createHash('sha256');
    const buffers = new Set<ArrayBufferLike>();
    let pieces = 0;
    for await (const piece of exported.stream as AsyncIterable<Buffer>) {
      sha.update(piece);
      buffers.add(piece.buffer);
      pieces++;
      // A reader slower than the socket now and then, so the engine is made to wait.
      if (pieces % 4 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await exported.complete;
    expect(sha.digest('hex')).toBe(createHash('sha256').update(body).digest('hex'));
    expect(pieces).toBe(40);
    expect(buffers.size).toBeLessThanOrEqual(8);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatch(/^GET \/images\/get\?names=sha256%3A0123456789abcdef[0-9a-f]{48} HTTP\/1\.1\r\n/);
    expect(requests[0]).toMatch(/\r\nConnection: close\r\n/);
  });

  it('without reuse, each piece is a buffer of its own (a layer store keeps them)', async () => {
    const body = Buffer.alloc(8 << 20, 1);
    const { job } = await engine((socket) => void writeChunked(socket, body));
    const exported = await openRawExport(job, undefined, false);
    const buffers = new Set<ArrayBufferLike>();
    for await (const piece of exported.stream as AsyncIterable<Buffer>) buffers.add(piece.buffer);
    expect(buffers.size).toBe(8);
  });

  it('an engine that stops mid-body fails the stream with a one-line source error', async () => {
    const { job } = await engine((socket) => void writeChunked(socket, Buffer.alloc(3 << 20, 2), false).then(() => socket.destroy()));
    const exported = await openRawExport(job);
    const reading = (async () => {
      for await (const _ of exported.stream) void _;
    })();
    await expect(reading).rejects.toThrow(/^the Docker daemon at unix:\/\/.* stopped sending app:1 after 3\.1 MB: connection closed$/);
    await expect(exported.complete).rejects.toMatchObject({ kind: 'source' });
    expect(exported.failure()?.hint).toBeTruthy();
  });

  it("a refusal is the engine's own message", async () => {
    const { job } = await engine((socket) =>
      socket.end('HTTP/1.1 500 Internal Server Error\r\nApi-Version: 1.41\r\nContent-Length: 28\r\n\r\n{"message":"disk is full\\n"}'),
    );
    await expect(openRawExport(job)).rejects.toMatchObject({
      kind: 'source',
      message: expect.stringMatching(/^the Docker daemon at unix:\/\/.* refused to export app:1: disk is full$/),
    });
  });

  it('an answer without an API version is not from an engine', async () => {
    const { job } = await engine((socket) => socket.end('HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Length: 2\r\n\r\nhi'));
    await expect(openRawExport(job)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^the server at unix:\/\/.* is not the Docker daemon: HTTP 200 without an API version \(server: nginx\)$/,
      ),
    });
  });

  it('a body that is not HTTP chunking fails as such', async () => {
    const { job } = await engine((socket) => socket.end(`${OK_HEAD}zz\r\n`));
    const exported = await openRawExport(job);
    const reading = (async () => {
      for await (const _ of exported.stream) void _;
    })();
    await expect(reading).rejects.toThrow(/stopped sending app:1 after 0\.0 MB: not a valid HTTP answer \(bad chunk size line/);
  });

  it('no engine on the socket: the connection error, in one line', async () => {
    const job = {
      endpoint: parseDaemonHost(`unix://${join(tmpdir(), 'ls-absent-engine.sock')}`, 'test'),
      engine: 'docker' as const,
      imageId: ID,
      ref: 'app:1',
    };
    await expect(openRawExport(job)).rejects.toMatchObject({
      message: expect.stringMatching(/^cannot connect to the Docker daemon at unix:\/\/.*: is it running\?$/),
    });
  });
});
