// docker's rule for plain HTTP: loopback registries may use it; any other needs --insecure-registry.
// The registry listens on this machine's own non-loopback address, so the rule is met for real.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, requireOrSkip } from '../helpers/integration.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { imageFor } from './registry-support/images.js';
import { skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';

const address = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
const ready = requireOrSkip(
  'docker-registry, skopeo, the built CLI and a non-loopback IPv4 address',
  existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version']) && cliBuilt() && address !== undefined,
);

describe.skipIf(!ready)('plain HTTP to a registry that is not on loopback', () => {
  let dir = '';
  let registry: RunningRegistry;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-reg-insecure-'));
    registry = await startRegistry({ address });
    writeFileSync(join(dir, 'app.tar'), writeImageArchive(imageFor('amd64'), 'oci-archive', { compression: 'gzip' }));
    await skopeoPush(`oci-archive:${join(dir, 'app.tar')}`, `${registry.host}/app:1`);
  });
  afterAll(async () => {
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is refused without --insecure-registry, with the flag as the hint', async () => {
    expectOneLineError(
      await runCli(['--json', '-', `registry:${registry.host}/app:1`], {}),
      new RegExp(`registry ${registry.host} does not speak HTTPS`),
      new RegExp(`--insecure-registry ${registry.host}$`),
    );
  });

  it('is used with --insecure-registry HOST:PORT (another host named is not enough)', async () => {
    const run = await runCli(
      ['--json', '-', '--insecure-registry', 'other:5000', '--insecure-registry', registry.host, `registry:${registry.host}/app:1`],
      {},
    );
    expect(run.code, run.stderr).toBe(0);
    expectOneLineError(
      await runCli(['--json', '-', '--insecure-registry', 'other:5000', `registry:${registry.host}/app:1`], {}),
      /does not speak HTTPS/,
    );
  });
});
