// A TCP+TLS daemon of the test's own (certificates made with openssl here) gives the same analysis as
// `docker save`, via DOCKER_HOST + DOCKER_TLS_VERIFY/DOCKER_CERT_PATH and via a context's TLS folder;
// every TLS mistake fails in one line within seconds.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { readFromDaemon, resolveDockerEndpoint } from '../../src/io/daemon/index.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { freePort, hasCommand } from './daemon-support/commands.js';
import { summarise } from './daemon-support/model-summary.js';
import { startPrivateDockerd, type PrivateDockerd } from './daemon-support/private-dockerd.js';
import { prepareTestImage, type TestImage } from './daemon-support/test-image.js';
import { makeTestCerts, type TestCerts } from './daemon-support/tls-certs.js';

const available = requireOrSkip(
  'Docker daemon, dockerd, openssl and the built CLI',
  dockerAvailable() && hasCommand('dockerd') && hasCommand('openssl') && cliBuilt(),
);

describe.skipIf(!available)('reading from a TCP+TLS daemon', () => {
  let image: TestImage;
  let certs: TestCerts;
  let daemon: PrivateDockerd;
  let host: string;

  beforeAll(async () => {
    image = await prepareTestImage('tls');
    certs = await makeTestCerts(join(image.workDir, 'certs'));
    daemon = await startPrivateDockerd({ tls: certs, tcpPort: await freePort() });
    host = daemon.tcpHost!;
    await daemon.load(image.archive);
  });
  afterAll(async () => {
    await daemon?.stop();
    await image?.cleanup();
  });

  const read = async (env: Record<string, string>) =>
    readFromDaemon(image.ref, await resolveDockerEndpoint({ env: { DOCKER_CONFIG: '/nonexistent', ...env }, home: '/nonexistent' }), {
      engine: 'docker',
    });

  it('DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const model = await read({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir });
    expect(summarise(model)).toEqual(image.expected);
  });

  it('a context whose TLS folder holds the certificates', async () => {
    const config = join(image.workDir, 'tls-config');
    const key = createHash('sha256').update('tls-ctx').digest('hex');
    mkdirSync(join(config, 'contexts', 'meta', key), { recursive: true });
    writeFileSync(
      join(config, 'contexts', 'meta', key, 'meta.json'),
      JSON.stringify({ Name: 'tls-ctx', Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
    );
    const tlsDir = join(config, 'contexts', 'tls', key, 'docker');
    mkdirSync(tlsDir, { recursive: true });
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(join(certs.clientDir, f), join(tlsDir, f));
    const endpoint = await resolveDockerEndpoint({ context: 'tls-ctx', env: { DOCKER_CONFIG: config }, home: '/nonexistent' });
    expect(summarise(await readFromDaemon(image.ref, endpoint, { engine: 'docker' }))).toEqual(image.expected);
  });

  const expectTlsError = async (env: Record<string, string>, reason: RegExp) => {
    const started = Date.now();
    const err = await read(env).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err).toMatchObject({ kind: 'source', hint: expect.stringContaining('certificate') });
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toMatch(new RegExp(`^TLS with the Docker daemon at ${host.replace(/\./g, '\\.')} failed: `));
    expect(message).toMatch(reason);
  };

  it('fails in one line when the CA did not sign the server', async () => {
    await expectTlsError({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.wrongCaDir }, /certificate/i);
  });

  it('fails in one line without a client certificate', async () => {
    await expectTlsError({ DOCKER_HOST: host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.noClientCertDir }, /./);
  });

  it('fails in one line when TLS is not configured at all', async () => {
    await expectTlsError({ DOCKER_HOST: host }, /: the daemon expects TLS, but TLS is not configured/);
  });

  it('through the CLI: one line, exit 2', async () => {
    const result = await runCli(['--json', '-', image.ref], {
      DOCKER_HOST: host,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: certs.wrongCaDir,
    });
    expectOneLineError(
      result,
      /^layerscope: TLS with the Docker daemon at tcp:\/\/127\.0\.0\.1:\d+ failed: .*not signed by the CA/,
      /certificate/,
    );
  });
});
