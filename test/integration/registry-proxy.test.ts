// A registry through a real proxy (Debian's tinyproxy on loopback): HTTPS by a CONNECT tunnel, plain
// HTTP by absolute-URI requests, NO_PROXY, and the proxy's own failures (407, not there). Loopback
// addresses and `localhost` are never proxied (Go's rule), so the registry is named by this machine's
// host name, which resolves to an address of this machine (loopback in /etc/hosts, or a container's own
// interface address): a name the proxy rules do not exempt, reached for real. tinyproxy's log shows which requests went through it.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, requireOrSkip } from '../helpers/integration.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { freePort } from './daemon-support/commands.js';
import { makeTestCerts, type TestCerts } from './daemon-support/tls-certs.js';
import { imageFor } from './registry-support/images.js';
import { skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';
import { startTinyproxy, tinyproxyInstalled, type RunningProxy } from './registry-support/tinyproxy.js';

const name = hostname().toLowerCase();
const address = await lookup(name, { family: 4 }).then(
  (found) => found.address,
  () => undefined,
);
/** The registries listen on it: a loopback address, or one of this machine's interfaces. */
const ownAddress = (ip: string | undefined): boolean =>
  ip !== undefined &&
  (ip.startsWith('127.') ||
    Object.values(networkInterfaces())
      .flat()
      .some((i) => i?.address === ip));
const ready = requireOrSkip(
  'tinyproxy, docker-registry, skopeo, openssl, the built CLI and a host name that resolves to an address of this machine',
  tinyproxyInstalled() &&
    existsSync(REGISTRY_BIN) &&
    commandWorks('skopeo', ['--version']) &&
    commandWorks('openssl', ['version']) &&
    cliBuilt() &&
    ownAddress(address) &&
    name !== 'localhost',
);

const layersOf = (stdout: string): number => (JSON.parse(stdout) as { layer: unknown[] }).layer.length;

describe.skipIf(!ready)('registry through an HTTP proxy (tinyproxy)', () => {
  let dir = '';
  let certs: TestCerts;
  let tls: RunningRegistry;
  let plain: RunningRegistry;
  let proxy: RunningProxy;
  let guarded: RunningProxy;
  const tlsHost = (): string => `${name}:${tls.port}`;
  const plainHost = (): string => `${name}:${plain.port}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-reg-proxy-'));
    certs = await makeTestCerts(join(dir, 'certs'), [name]);
    [tls, plain, proxy, guarded] = await Promise.all([
      startRegistry({ address, tls: { cert: certs.serverCert, key: certs.serverKey } }),
      startRegistry({ address }),
      startTinyproxy(),
      startTinyproxy({ basicAuth: { user: 'alice', password: 's3cret-pw' } }),
    ]);
    writeFileSync(join(dir, 'app.tar'), writeImageArchive(imageFor('amd64'), 'oci-archive', { compression: 'gzip' }));
    await skopeoPush(`oci-archive:${join(dir, 'app.tar')}`, `${tls.host}/app:1`);
    await skopeoPush(`oci-archive:${join(dir, 'app.tar')}`, `${plain.host}/app:1`);
  });
  afterAll(async () => {
    await Promise.all([tls?.stop(), plain?.stop(), proxy?.stop(), guarded?.stop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads an HTTPS registry through a CONNECT tunnel (HTTPS_PROXY), the registry CA still checked', async () => {
    const mark = proxy.mark();
    const run = await runCli(['--json', '-', `registry:${tlsHost()}/app:1`], { HTTPS_PROXY: proxy.url, SSL_CERT_FILE: certs.caFile });
    expect(run.code, run.stderr).toBe(0);
    expect(layersOf(run.stdout)).toBe(2);
    expect(await proxy.logSince(mark)).toContain(`Request (file descriptor`);
    expect(await proxy.logSince(mark)).toMatch(new RegExp(`: CONNECT ${name}:${tls.port} HTTP/1\\.1`));
  });

  it('reads a plain-HTTP registry through HTTP_PROXY by absolute URIs (lower-case names work too)', async () => {
    const mark = proxy.mark();
    const run = await runCli(['--json', '-', '--insecure-registry', plainHost(), `registry:${plainHost()}/app:1`], {
      https_proxy: proxy.url,
      http_proxy: proxy.url,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(layersOf(run.stdout)).toBe(2);
    const log = await proxy.logSince(mark);
    expect(log).toMatch(new RegExp(`: GET http://${name}:${plain.port}/v2/app/manifests/1 HTTP/1\\.1`));
    expect(log).toMatch(new RegExp(`: GET http://${name}:${plain.port}/v2/app/blobs/sha256:[0-9a-f]{64} HTTP/1\\.1`));
  });

  it.each([name, `${name.toUpperCase()}:PORT`, '*', '127.0.0.0/8'])(
    'NO_PROXY=%s connects directly: nothing in the proxy log (but a CIDR does not match a name)',
    async (entry) => {
      const noProxy = entry.replace('PORT', String(tls.port));
      const mark = proxy.mark();
      const run = await runCli(['--json', '-', `registry:${tlsHost()}/app:1`], {
        HTTPS_PROXY: proxy.url,
        NO_PROXY: `other.example, ${noProxy}`,
        SSL_CERT_FILE: certs.caFile,
      });
      expect(run.code, run.stderr).toBe(0);
      // A CIDR matches IP hosts only (Go's rule): the name still goes through the proxy.
      if (entry.includes('/')) expect(await proxy.logSince(mark)).toContain(`CONNECT ${name}:${tls.port}`);
      else expect(await proxy.logSince(mark)).not.toContain(name);
    },
  );

  it('a proxy that wants a password: 407 is one line naming the proxy and the variable; the password in the URL works', async () => {
    const ref = `registry:${tlsHost()}/app:1`;
    expectOneLineError(
      await runCli(['--json', '-', ref], { HTTPS_PROXY: guarded.url, SSL_CERT_FILE: certs.caFile }),
      new RegExp(`proxy ${guarded.url} \\(HTTPS_PROXY\\) refused the request to registry ${tlsHost()}: 407 Proxy Authentication Required`),
      /HTTPS_PROXY: http:\/\/USER:PASSWORD@127\.0\.0\.1/,
    );
    const withUser = guarded.url.replace('//', '//alice:s3cret-pw@');
    const run = await runCli(['--json', '-', ref], { HTTPS_PROXY: withUser, SSL_CERT_FILE: certs.caFile });
    expect(run.code, run.stderr).toBe(0);
    expect(layersOf(run.stdout)).toBe(2);
  });

  it('a wrong proxy password is one line that never shows the password, --debug included', async () => {
    const wrong = guarded.url.replace('//', '//alice:wrong-pw-123@');
    for (const args of [[], ['--debug']]) {
      const run = await runCli([...args, '--json', '-', `registry:${tlsHost()}/app:1`], {
        HTTPS_PROXY: wrong,
        SSL_CERT_FILE: certs.caFile,
      });
      if (args.length === 0)
        expectOneLineError(run, /refused the request to registry .*: wrong user or password/, /check the user and password in HTTPS_PROXY/);
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(/wrong-pw-123|YWxpY2U6d3Jvbmct/);
    }
  });

  it('DEBUG=* (the proxy agents log with `debug`) prints no proxy credential either, on the forwarding path', async () => {
    const user = guarded.url.replace('//', '//alice:s3cret-pw@');
    const run = await runCli(['--debug', '--json', '-', '--insecure-registry', plainHost(), `registry:${plainHost()}/app:1`], {
      HTTP_PROXY: user,
      HTTPS_PROXY: user,
      DEBUG: '*',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/s3cret-pw|YWxpY2U6czNjcmV0LXB3/);
  });

  it('a proxy that is not there is one line naming it, exit 2', async () => {
    const port = await freePort();
    expectOneLineError(
      await runCli(['--json', '-', `registry:${tlsHost()}/app:1`], { HTTPS_PROXY: `http://user:pw@127.0.0.1:${port}` }),
      new RegExp(`cannot reach proxy http://127\\.0\\.0\\.1:${port} \\(HTTPS_PROXY\\) for registry ${tlsHost()}: connection refused`),
      new RegExp(`NO_PROXY=${name}$`),
    );
  });

  it('a SOCKS or unparsable proxy is a config error, exit 2', async () => {
    expectOneLineError(
      await runCli(['--json', '-', `registry:${tlsHost()}/app:1`], { HTTPS_PROXY: 'socks5://127.0.0.1:1080' }),
      /HTTPS_PROXY names a SOCKS proxy/,
    );
  });
});
