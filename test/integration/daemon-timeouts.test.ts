// The connect timeout and the answer timeout fire for real: against a loopback port that never accepts
// (its listen queue is full) and against servers that accept and never answer. Short timeouts are
// injected into the Engine API client; the CLI is run once with its real 5 s connect timeout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { inspectImage, ping, type EngineTarget } from '../../src/io/daemon/engine-api.js';
import { parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { readFromDaemon } from '../../src/io/daemon/index.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { hasCommand } from './daemon-support/commands.js';
import {
  acceptQueueLength,
  startFullBacklogServer,
  startMuteServer,
  type FullBacklogServer,
  type MuteServer,
} from './daemon-support/silent-servers.js';

const available = requireOrSkip('perl (listens without accepting) and the built CLI', hasCommand('perl') && cliBuilt());

/** The error a call rejected with; fails the test when it resolved. */
async function failureOf(promise: Promise<unknown>): Promise<Error & { kind?: string; hint?: string }> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!outcome) throw new Error('the call succeeded against a server that never answers');
  return outcome;
}

describe.skipIf(!available)('daemon timeouts', () => {
  let dir: string;
  let backlog: FullBacklogServer;
  let muteUnix: MuteServer;
  let muteTcp: MuteServer & { port?: number };
  let socket: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-timeouts-'));
    socket = join(dir, 'mute.sock');
    muteUnix = await startMuteServer(socket);
    muteTcp = await startMuteServer(0);
    backlog = await startFullBacklogServer();
  });
  afterAll(async () => {
    await Promise.all([muteUnix?.close(), muteTcp?.close(), backlog?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  describe('connect timeout (a port that never accepts)', () => {
    it('the listen queue really is full', () => {
      expect(acceptQueueLength(backlog.port)).toBe(1);
    });

    it('fails in one line after the injected time', async () => {
      const url = `tcp://127.0.0.1:${backlog.port}`;
      const target: EngineTarget = { endpoint: parseDaemonHost(url, 'DOCKER_HOST'), engine: 'docker', connectTimeoutMs: 400 };
      const err = await failureOf(inspectImage(target, 'busybox:latest'));
      expect(err.kind).toBe('source');
      expect(err.message).toBe(`cannot connect to the Docker daemon at ${url}: no answer within 0.4 s`);
      expect(err.hint).toBe('check the host and port (from DOCKER_HOST) and that the daemon listens there');
    });

    it('through the CLI: the real 5 s timeout, one line, exit 2', async () => {
      const result = await runCli(['-H', `tcp://127.0.0.1:${backlog.port}`, '--json', '-', 'busybox:latest'], {});
      expectOneLineError(
        result,
        new RegExp(`^layerscope: cannot connect to the Docker daemon at tcp://127\\.0\\.0\\.1:${backlog.port}: no answer within 5 s$`),
        /host and port \(from --host\)/,
      );
    });
  });

  describe('answer timeout (accepts, never answers)', () => {
    it('a unix socket: ping fails in one line after the injected time', async () => {
      const before = muteUnix.received();
      const endpoint = parseDaemonHost(`unix://${socket}`, 'DOCKER_HOST');
      const err = await failureOf(ping({ endpoint, engine: 'docker', answerTimeoutMs: 300 }));
      expect(muteUnix.received()).toBeGreaterThan(before); // the request was sent: connected, then no answer
      expect(err.kind).toBe('source');
      expect(err.message).toBe(`cannot connect to the Docker daemon at unix://${socket}: no answer within 0.3 s`);
      expect(err.hint).toMatch(/start it, or fix the address \(it comes from DOCKER_HOST\)/);
    });

    it('loopback tcp, podman: inspect fails in one line after the injected time', async () => {
      const url = `tcp://127.0.0.1:${muteTcp.port}`;
      const before = muteTcp.received();
      const target: EngineTarget = { endpoint: parseDaemonHost(url, 'CONTAINER_HOST'), engine: 'podman', answerTimeoutMs: 300 };
      const err = await failureOf(inspectImage(target, 'busybox:latest'));
      expect(muteTcp.received()).toBeGreaterThan(before);
      expect(err.message).toBe(`cannot connect to podman at ${url}: no answer within 0.3 s`);
      expect(err.message).not.toContain('\n');
    });

    it('the connect timeout does not cut a connection that is open but slow to answer', async () => {
      // Connect timeout far below the answer timeout: the failure must still be the answer's.
      const endpoint = parseDaemonHost(`unix://${socket}`, 'DOCKER_HOST');
      const err = await failureOf(ping({ endpoint, engine: 'docker', connectTimeoutMs: 50, answerTimeoutMs: 400 }));
      expect(err.message).toMatch(/no answer within 0\.4 s$/);
    });

    it('a cancelled read stops waiting and says so', async () => {
      const endpoint = parseDaemonHost(`unix://${socket}`, 'DOCKER_HOST');
      const controller = new AbortController();
      const pending = failureOf(readFromDaemon('busybox:latest', endpoint, { engine: 'docker', signal: controller.signal }));
      controller.abort();
      expect((await pending).message).toBe('cancelled');
    });
  });
});
