// The agent dockerode speaks through carries a request to the daemon without Node working out a TLS server
// name for it (the connection is the agent's own): that costs a test of the Host with net.isIP, ~10 ms to
// compile on first use.
import { createServer, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EngineAgent } from '../../../src/io/daemon/engine-agent.js';
import type { UnixEndpoint } from '../../../src/io/daemon/endpoint.js';

// The net module object Node's http agent calls isIP on (a CommonJS require gives that same object).
const net = createRequire(import.meta.url)('node:net') as typeof import('node:net');

describe('EngineAgent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ls-agent-'));
  const socketPath = join(dir, 'engine.sock');
  const server = createServer((_req, res) => res.writeHead(200, { 'Api-Version': '1.41' }).end('{}'));
  beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a request without testing its host for an IP address', async () => {
    const isIP = vi.spyOn(net, 'isIP');
    try {
      const endpoint: UnixEndpoint = { kind: 'unix', socketPath, url: `unix://${socketPath}`, origin: 'test' };
      const agent = new EngineAgent(endpoint, 'docker');
      const status = await new Promise<number | undefined>((resolve, reject) => {
        const req = request({ agent, host: 'localhost', path: '/_ping' }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
      expect(agent.answeredBy).toContain('api 1.41');
      expect(isIP).not.toHaveBeenCalled();
    } finally {
      isIP.mockRestore();
    }
  });
});
