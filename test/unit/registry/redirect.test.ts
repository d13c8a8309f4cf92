// Blob redirects (to S3, a CDN) are followed, but the registry's Authorization stays with the registry:
// FORMATS.md §4. Two local HTTP servers on different ports are two origins.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamBlob } from '../../../src/io/registry/registry-blobs.js';
import { RegistrySession } from '../../../src/io/registry/registry-session.js';

const BLOB = Buffer.from('layer bytes');
const DIGEST = `sha256:${createHash('sha256').update(BLOB).digest('hex')}`;
const listen = (server: Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('blob redirects', () => {
  const storageSaw: IncomingHttpHeaders[] = [];
  const registrySaw: IncomingHttpHeaders[] = [];
  let storagePort = 0;
  let registryPort = 0;
  const storage = createServer((req, res) => {
    storageSaw.push(req.headers);
    res.end(BLOB);
  });
  const registry = createServer((req, res) => {
    registrySaw.push(req.headers);
    if (req.headers.authorization !== `Basic ${Buffer.from('u:p').toString('base64')}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end();
    } else if (req.url === '/v2/') {
      res.end('{}');
    } else {
      res.writeHead(307, { location: `http://127.0.0.1:${storagePort}/signed?x=1` }).end();
    }
  });
  beforeAll(async () => {
    storagePort = await listen(storage);
    registryPort = await listen(registry);
  });
  afterAll(() => {
    storage.close();
    registry.close();
  });

  it('follows the redirect without sending the registry credentials to another host', async () => {
    const session = await RegistrySession.open(`127.0.0.1:${registryPort}`, 'team/app', {
      credentials: async () => ({ kind: 'password', username: 'u', password: 'p' }),
    });
    try {
      const chunks: Uint8Array[] = [];
      for await (const chunk of streamBlob(session, DIGEST, BLOB.length, undefined)) chunks.push(chunk);
      expect(Buffer.concat(chunks)).toEqual(BLOB);
    } finally {
      session.close();
    }
    expect(registrySaw.at(-1)!.authorization).toMatch(/^Basic /);
    expect(storageSaw).toHaveLength(1);
    expect(storageSaw[0]!.authorization).toBeUndefined();
  });
});
