// A registry that answers a manifest request with more than a manifest can be (distribution and
// containerd cap manifests at 4 MiB) is refused by what it sent, not reported as unreachable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchManifest } from '../../../src/io/registry/registry-blobs.js';
import { RegistrySession } from '../../../src/io/registry/registry-session.js';

const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('an oversized manifest', () => {
  let port = 0;
  // 64 KiB of spaces at a time until the client hangs up: an endless body.
  const registry = createServer((req, res) => {
    res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
    if (req.url === '/v2/') return void res.end('{}');
    res.setHeader('Content-Type', 'application/vnd.oci.image.manifest.v1+json');
    const pad = Buffer.alloc(64 * 1024, 0x20);
    const more = (): void => {
      while (!res.destroyed && res.write(pad));
      if (!res.destroyed) res.once('drain', more);
    };
    more();
  });
  beforeAll(async () => {
    port = await listen(registry);
  });
  afterAll(() => {
    registry.closeAllConnections();
    registry.close();
  });

  it('is an error about the manifest, not about reaching the registry', async () => {
    const session = await RegistrySession.open(`127.0.0.1:${port}`, 'team/app', { credentials: async () => undefined });
    try {
      const failure = await fetchManifest(session, 'v1', 'team/app:v1').then(
        () => undefined,
        (e: unknown) => e as Error & { hint?: string },
      );
      expect(failure?.message).toBe(`manifest team/app:v1 on registry 127.0.0.1:${port} is larger than 4 MiB`);
      expect(failure?.hint).toMatch(/refuse manifests over 4 MiB/);
    } finally {
      session.close();
    }
  });
});
