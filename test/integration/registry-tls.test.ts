// A registry on HTTPS with a CA the test makes: trusted through SSL_CERT_FILE or NODE_EXTRA_CA_CERTS;
// without it the certificate is an error (never a silent fall back to plain HTTP, even on loopback).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, requireOrSkip } from '../helpers/integration.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { makeTestCerts, type TestCerts } from './daemon-support/tls-certs.js';
import { imageFor } from './registry-support/images.js';
import { skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';

const ready = requireOrSkip(
  'docker-registry, skopeo, openssl and the built CLI',
  existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version']) && commandWorks('openssl', ['version']) && cliBuilt(),
);

describe.skipIf(!ready)('registry over HTTPS with a test CA', () => {
  let dir = '';
  let certs: TestCerts;
  let registry: RunningRegistry;
  let ref = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-reg-tls-'));
    certs = await makeTestCerts(join(dir, 'certs'));
    registry = await startRegistry({ tls: { cert: certs.serverCert, key: certs.serverKey } });
    const archive = join(dir, 'app.tar');
    writeFileSync(archive, writeImageArchive(imageFor('amd64'), 'oci-archive', { compression: 'gzip' }));
    await skopeoPush(`oci-archive:${archive}`, `${registry.host}/app:1`);
    ref = `registry:${registry.host}/app:1`;
  });
  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(['SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS'])('trusts the CA named by %s', async (variable) => {
    const run = await runCli(['--json', '-', ref], { [variable]: certs.caFile });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { layer: unknown[] }).layer).toHaveLength(2);
  });

  it('an unknown CA is a TLS error naming the registry, with the hint to add the CA', async () => {
    expectOneLineError(
      await runCli(['--json', '-', ref], {}),
      new RegExp(`TLS with registry ${registry.host} failed: its certificate is not signed by a CA we trust`),
      /SSL_CERT_FILE=ca\.pem/,
    );
    expectOneLineError(
      await runCli(['--json', '-', ref], { SSL_CERT_FILE: join(dir, 'certs', 'other-ca.pem') }),
      /not signed by a CA we trust/,
    );
  });

  it('a CA file that cannot be read is a config error', async () => {
    expectOneLineError(
      await runCli(['--json', '-', ref], { SSL_CERT_FILE: join(dir, 'missing.pem') }),
      /cannot read the CA file .*missing\.pem/,
    );
  });
});
