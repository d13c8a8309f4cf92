// A small bearer-token server for docker-registry's `auth.token` mode: it checks Basic credentials and
// signs a JWT (ES256, the signing certificate in x5c, which the registry trusts via rootcertbundle)
// granting pull (and push) on the requested repository. Anonymous callers get pull on `public/*` only.
import { createPrivateKey, randomUUID, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { freePort, run } from '../daemon-support/commands.js';

export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  readonly certFile: string;
  /** Authorization headers it has seen (to check what a client sent). */
  readonly seen: string[];
  /** Hand out this many tokens that have already expired (a long read outliving its token). */
  expiredTokens: number;
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export async function startTokenServer(dir: string, user: string, password: string): Promise<TokenServer> {
  const keyFile = join(dir, 'token-key.pem');
  const certFile = join(dir, 'token-cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    '/CN=layerscope test token issuer',
  ]);
  const key = createPrivateKey(readFileSync(keyFile));
  const x5c = new X509Certificate(readFileSync(certFile)).raw.toString('base64');
  const service = 'layerscope-test-registry';
  const issuer = 'layerscope-test-issuer';
  const seen: string[] = [];
  const state = { expiredTokens: 0 };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization;
    seen.push(auth ?? '');
    let subject = '';
    if (auth) {
      const [u, p] = Buffer.from(auth.replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':');
      if (u !== user || p !== password) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"incorrect username or password"}');
        return;
      }
      subject = u;
    }
    const access = url.searchParams.getAll('scope').flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      if (type !== 'repository' || !name) return [];
      if (!subject && !name.startsWith('public/')) return [];
      return [{ type, name, actions: subject ? (actions ?? '').split(',') : ['pull'] }];
    });
    let now = Math.floor(Date.now() / 1000);
    if (state.expiredTokens > 0) {
      state.expiredTokens -= 1;
      now -= 3600;
    }
    const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [x5c] }));
    const claims = b64url(
      JSON.stringify({ iss: issuer, sub: subject, aud: service, exp: now + 600, nbf: now - 60, iat: now, jti: randomUUID(), access }),
    );
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' });
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ token: `${header}.${claims}.${b64url(signature)}`, expires_in: 600 }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return Object.assign(state, {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
