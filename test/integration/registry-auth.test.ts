// Credentials as the docker CLI keeps them, against a real registry: htpasswd basic auth, and bearer
// tokens from a token server the test runs (the registry's own auth.token mode verifies them). A
// secret never appears in any output, error or --debug trace.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, requireOrSkip } from '../helpers/integration.js';
import { cliBuilt, expectOneLineError, runCli, type CliRun } from './daemon-support/cli.js';
import { imageFor } from './registry-support/images.js';
import { skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';
import { startTokenServer, type TokenServer } from './registry-support/token-server.js';

const ready = requireOrSkip(
  'docker-registry, skopeo, openssl, perl and the built CLI',
  existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version']) && commandWorks('perl', ['-v']) && cliBuilt(),
);
const USER = 'alice';
const PASSWORD = 'pa55-Secret-value';

/** A DOCKER_CONFIG directory holding `config`. */
function dockerConfig(dir: string, name: string, config: unknown): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'config.json'), JSON.stringify(config));
  return path;
}
const auths = (host: string, user: string, password: string) => ({
  auths: { [host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } },
});

function expectNoSecret(run: CliRun): void {
  for (const secret of [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64'), 'wrong-password']) {
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
}

describe.skipIf(!ready)('registry auth', () => {
  let dir = '';
  let archive = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-reg-auth-'));
    archive = join(dir, 'app.tar');
    writeFileSync(archive, writeImageArchive(imageFor('amd64'), 'oci-archive', { compression: 'gzip' }));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('htpasswd basic auth', () => {
    let registry: RunningRegistry;
    beforeAll(async () => {
      registry = await startRegistry({ htpasswd: { user: USER, password: PASSWORD } });
      await skopeoPush(`oci-archive:${archive}`, `${registry.host}/team/app:1`, { creds: `${USER}:${PASSWORD}` });
    });
    afterAll(async () => registry?.stop());

    it('reads with the auths entry of config.json', async () => {
      const config = dockerConfig(dir, 'basic-good', auths(registry.host, USER, PASSWORD));
      const run = await runCli(['--json', '-', '--debug', `registry:${registry.host}/team/app:1`], { DOCKER_CONFIG: config });
      expect(run.code, run.stderr).toBe(0);
      expect((JSON.parse(run.stdout) as { layer: unknown[] }).layer).toHaveLength(2);
      expectNoSecret(run);
    });

    it('a wrong password is a 401 naming the registry, never the secret (even with --debug)', async () => {
      const config = dockerConfig(dir, 'basic-bad', auths(registry.host, USER, 'wrong-password'));
      const run = await runCli(['--json', '-', `registry:${registry.host}/team/app:1`], { DOCKER_CONFIG: config });
      expectOneLineError(
        run,
        new RegExp(`registry ${registry.host} refused access to team/app \\(401 unauthorized\\)`),
        /docker login 127\.0\.0\.1/,
      );
      expectNoSecret(await runCli(['--json', '-', '--debug', `registry:${registry.host}/team/app:1`], { DOCKER_CONFIG: config }));
    });

    it('no credentials: says to log in', async () => {
      expectOneLineError(
        await runCli(['--json', '-', `registry:${registry.host}/team/app:1`], {}),
        /refused access to team\/app \(401/,
        new RegExp(`log in first \\(docker login ${registry.host}\\)`),
      );
    });
  });

  describe('bearer tokens', () => {
    let registry: RunningRegistry;
    let tokens: TokenServer;
    beforeAll(async () => {
      tokens = await startTokenServer(dir, USER, PASSWORD);
      registry = await startRegistry({
        token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, rootCertBundle: tokens.certFile },
      });
      await skopeoPush(`oci-archive:${archive}`, `${registry.host}/team/app:1`, { creds: `${USER}:${PASSWORD}` });
      await skopeoPush(`oci-archive:${archive}`, `${registry.host}/public/app:1`, { creds: `${USER}:${PASSWORD}` });
    });
    afterAll(async () => {
      await registry?.stop();
      await tokens?.stop();
    });

    it('anonymous token for a public repository', async () => {
      tokens.seen.length = 0;
      const run = await runCli(['--json', '-', `registry:${registry.host}/public/app:1`], {});
      expect(run.code, run.stderr).toBe(0);
      expect(tokens.seen).toEqual(['']);
    });

    it('credentialed token through a credential helper (credHelpers)', async () => {
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      const helper = join(bin, 'docker-credential-lstest');
      writeFileSync(
        helper,
        `#!/bin/sh\nread server\n[ "$server" = "${registry.host}" ] || exit 1\necho '{"ServerURL":"'$server'","Username":"${USER}","Secret":"${PASSWORD}"}'\n`,
      );
      chmodSync(helper, 0o755);
      const config = dockerConfig(dir, 'helper', { credHelpers: { [registry.host]: 'lstest' } });
      tokens.seen.length = 0;
      const run = await runCli(['--json', '-', '--debug', `registry:${registry.host}/team/app:1`], {
        DOCKER_CONFIG: config,
        PATH: `${bin}:${process.env.PATH}`,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(tokens.seen).toEqual([`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`]);
      expectNoSecret(run);
    });

    it('a token that has expired is replaced by logging in again, once', async () => {
      tokens.seen.length = 0;
      tokens.expiredTokens = 1;
      const run = await runCli(['--json', '-', `registry:${registry.host}/public/app:1`], {});
      expect(run.code, run.stderr).toBe(0);
      expect(tokens.seen).toEqual(['', '']);
      tokens.expiredTokens = 5;
      expectOneLineError(
        await runCli(['--json', '-', `registry:${registry.host}/public/app:1`], {}),
        /refused access to public\/app \(401/,
      );
      tokens.expiredTokens = 0;
    });

    it('credsStore is asked when there is no helper for the host', async () => {
      const config = dockerConfig(dir, 'store', { credsStore: 'lstest', auths: { [registry.host]: {} } });
      const run = await runCli(['--json', '-', `registry:${registry.host}/team/app:1`], {
        DOCKER_CONFIG: config,
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
      });
      expect(run.code, run.stderr).toBe(0);
    });

    it('anonymous on a private repository, and a wrong password, are one-line errors', async () => {
      expectOneLineError(
        await runCli(['--json', '-', `registry:${registry.host}/team/app:1`], {}),
        /registry 127\.0\.0\.1:\d+ refused access to team\/app \(401 unauthorized\)/,
        /log in first/,
      );
      const config = dockerConfig(dir, 'bearer-bad', auths(registry.host, USER, 'wrong-password'));
      const run = await runCli(['--json', '-', '--debug', `registry:${registry.host}/team/app:1`], { DOCKER_CONFIG: config });
      expectOneLineError(
        run,
        new RegExp(`login to registry ${registry.host} failed \\(401\\): wrong username or password`),
        /docker login/,
      );
      expectNoSecret(run);
    });
  });
});
