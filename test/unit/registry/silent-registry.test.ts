// A registry that takes the request and never answers: each try ends at the idle timeout, and after
// two such tries the read fails naming the timeout (five tries of 20 s made a user wait 104 s). A
// registry that drops the connection instead still gets its five tries.
import { createServer, type Server } from 'node:http';
import https from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchManifest } from '../../../src/io/registry/registry-blobs.js';
import { httpRequest, IdleTimeoutError } from '../../../src/io/registry/http-request.js';
import { RegistrySession } from '../../../src/io/registry/registry-session.js';

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('a registry that stops answering', () => {
  let port = 0;
  const asked = { silent: 0, dropped: 0 };
  const registry = createServer((req, res) => {
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    if (req.url === '/v2/') return void res.end('{}');
    if (req.url!.includes('/silent/')) {
      asked.silent++;
      return; // keeps the request open, says nothing
    }
    asked.dropped++;
    req.socket.destroy();
  });
  beforeAll(async () => {
    port = await listen(registry);
  });
  afterAll(() => {
    registry.closeAllConnections();
    registry.close();
  });

  const failureOf = async (repository: string): Promise<Error | undefined> => {
    const session = await RegistrySession.open(`127.0.0.1:${port}`, repository, {
      credentials: async () => undefined,
      retry: { tries: 5, firstDelayMs: 1 },
      idleTimeoutMs: 200,
    });
    try {
      return await fetchManifest(session, 'v1', `${repository}:v1`).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
    } finally {
      session.close();
    }
  };

  it('is given up after two silent tries, with the timeout in the message', async () => {
    const failure = await failureOf('team/silent');
    expect(failure?.message).toBe(`cannot reach registry 127.0.0.1:${port}: no answer within 0.2 s`);
    expect(asked.silent).toBe(2);
  });

  it('a dropped connection is still tried five times', async () => {
    const failure = await failureOf('team/dropped');
    expect(failure?.message).toMatch(/^cannot reach registry 127\.0\.0\.1:\d+: /);
    expect(asked.dropped).toBe(5);
  });
});

// A server that takes the connection and never answers the TLS hello: Node's socket idle timer restarts
// as the handshake writes, so each try took twice the idle timeout (40 s, not 20, against a real one).
// The bound below is generous (1.8x the timeout, timers fire late on a loaded machine, never early).
describe('an https registry that never answers the TLS hello', () => {
  const silent = createNetServer(() => undefined);
  let port = 0;
  beforeAll(async () => {
    port = await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as AddressInfo).port)));
  });
  afterAll(() => silent.close());

  it('ends a try at the idle timeout, not twice that', async () => {
    const idleTimeoutMs = 1000;
    const agent = new https.Agent({ keepAlive: false });
    const started = performance.now();
    const failure = await httpRequest(new URL(`https://127.0.0.1:${port}/v2/`), { agent, idleTimeoutMs }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const took = performance.now() - started;
    agent.destroy();
    expect(failure).toBeInstanceOf(IdleTimeoutError);
    expect(took).toBeGreaterThanOrEqual(idleTimeoutMs - 50);
    expect(took).toBeLessThan(1.8 * idleTimeoutMs);
  });
});
