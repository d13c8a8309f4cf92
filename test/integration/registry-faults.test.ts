// What goes wrong between layerscope and a registry: a blob corrupted in transit (a proxy flips a
// byte), a layer whose bytes are not the config's diff_id, 429s that clear and one that does not, a
// connection dropped halfway through a blob.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, requireOrSkip } from '../helpers/integration.js';
import { cliBuilt, expectOneLineError, runCli } from './daemon-support/cli.js';
import { startFaultProxy, type FaultProxy } from './registry-support/fault-proxy.js';
import { imageFor } from './registry-support/images.js';
import { skopeoInspect, skopeoPush } from './registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from './registry-support/registry-server.js';

const ready = requireOrSkip(
  'docker-registry, skopeo and the built CLI',
  existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version']) && cliBuilt(),
);
const WRONG_DIFF_ID = `sha256:${'ab'.repeat(32)}`;

describe.skipIf(!ready)('registry faults', () => {
  let dir = '';
  let registry: RunningRegistry;
  let proxy: FaultProxy;
  let layerDigests: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-reg-faults-'));
    registry = await startRegistry();
    proxy = await startFaultProxy(registry.host);
    const push = async (spec: ImageSpec, ref: string) => {
      const file = join(dir, `${ref.replace(/\W/g, '-')}.tar`);
      writeFileSync(file, writeImageArchive(spec, 'oci-archive', { compression: 'gzip' }));
      await skopeoPush(`oci-archive:${file}`, `${registry.host}/${ref}`);
    };
    await push(imageFor('amd64'), 'app:1');
    const base = imageFor('amd64');
    await push({ ...base, layers: [base.layers[0]!, { ...base.layers[1]!, diffId: WRONG_DIFF_ID }] }, 'lying:1');
    const manifest = (await skopeoInspect(`${registry.host}/app:1`, true)) as { layers: { digest: string }[] };
    layerDigests = manifest.layers.map((l) => l.digest);
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const readThroughProxy = () => runCli(['--json', '-', `registry:${proxy.host}/app:1`], {});

  it('reads through the proxy when it behaves', async () => {
    const run = await readThroughProxy();
    expect(run.code, run.stderr).toBe(0);
  });

  it('speaks plain HTTP to a plain registry on loopback from the first request: no TLS handshake tried', async () => {
    proxy.log.length = 0;
    const run = await readThroughProxy();
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.log[0]).toBe('GET /v2/');
    expect(proxy.log).not.toContain('not HTTP');
  });

  it('a blob corrupted in transit is an error naming the blob, never a result', async () => {
    proxy.faults.flipBlob = layerDigests[0];
    try {
      expectOneLineError(
        await readThroughProxy(),
        new RegExp(
          `layer 1 \\(${layerDigests[0]}\\) from registry ${proxy.host} does not match its digest ${layerDigests[0]} \\(got sha256:[0-9a-f]{64}\\)`,
        ),
        /corrupted it; try again/,
      );
    } finally {
      proxy.faults.flipBlob = undefined;
    }
  });

  it("a layer whose uncompressed bytes are not the config's diff_id is an error naming the blob", async () => {
    const manifest = (await skopeoInspect(`${registry.host}/lying:1`, true)) as { layers: { digest: string }[] };
    expectOneLineError(
      await runCli(['--json', '-', `registry:${registry.host}/lying:1`], {}),
      new RegExp(
        `layer 2 \\(blob ${manifest.layers[1]!.digest}\\) from registry ${registry.host} does not match the config's diff_id ${WRONG_DIFF_ID}`,
      ),
      /push it again/,
    );
  });

  it('429s that clear are retried with backoff', async () => {
    proxy.log.length = 0;
    proxy.faults.tooManyRequests = 2;
    const run = await readThroughProxy();
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.log.slice(0, 3)).toEqual(['GET /v2/', 'GET /v2/', 'GET /v2/']);
  });

  it('a rate limit that does not clear is an error after a bounded number of tries', async () => {
    proxy.log.length = 0;
    proxy.faults.tooManyRequests = Infinity;
    try {
      expectOneLineError(
        await readThroughProxy(),
        new RegExp(`registry ${proxy.host} rate-limits us \\(429 Too Many Requests\\) and did not stop after 5 tries`),
        /wait a while/,
      );
      expect(proxy.log).toHaveLength(5);
    } finally {
      proxy.faults.tooManyRequests = 0;
    }
  });

  it('a connection dropped halfway through a blob is resumed with a Range request', async () => {
    proxy.log.length = 0;
    proxy.faults.dropBlobOnce = layerDigests[0];
    const run = await readThroughProxy();
    expect(run.code, run.stderr).toBe(0);
    expect(proxy.log.filter((l) => l.includes(layerDigests[0]!))).toEqual([
      `GET /v2/app/blobs/${layerDigests[0]}`,
      expect.stringMatching(new RegExp(`^GET /v2/app/blobs/${layerDigests[0]} bytes=\\d+-$`)),
    ]);
  });
});
