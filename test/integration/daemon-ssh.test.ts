// DOCKER_HOST=ssh://root@127.0.0.1:PORT gives the same analysis as `docker save`, through the real ssh
// client and a loopback sshd (scripts/ci/sshd.sh; started here when CI has not started it), and ssh
// failures are one line within seconds.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsedCacheFrom } from '../../src/cli/commands/layer-store-setup.js';
import { readFromDaemon, resolveDockerEndpoint } from '../../src/io/daemon/index.js';
import { freePort, hasCommand, run } from './daemon-support/commands.js';
import { exportsDuring } from './daemon-support/save-events.js';
import { summarise } from './daemon-support/model-summary.js';
import { prepareTestImage, type TestImage } from './daemon-support/test-image.js';

const SCRIPT = 'scripts/ci/sshd.sh';
const available = requireOrSkip(
  'Docker daemon, ssh client and sshd',
  dockerAvailable() && hasCommand('ssh') && hasCommand('ssh-keygen') && (hasCommand('sshd') || hasCommand('/usr/sbin/sshd')),
);
const port = process.env.LAYERSCOPE_SSH_PORT ?? '2222';
const sshWorks = (): boolean =>
  spawnSync('ssh', ['-o', 'BatchMode=yes', '-p', port, 'root@127.0.0.1', 'true'], { stdio: 'ignore', timeout: 15_000 }).status === 0;

describe.skipIf(!available)('reading over ssh', () => {
  let image: TestImage;
  let startedHere = false;

  beforeAll(async () => {
    if (!sshWorks()) {
      await run('bash', [SCRIPT, 'start'], { LAYERSCOPE_SSH_PORT: port });
      startedHere = true;
    }
    image = await prepareTestImage('ssh');
  });
  afterAll(async () => {
    await image?.cleanup();
    if (startedHere) await run('bash', [SCRIPT, 'stop'], { LAYERSCOPE_SSH_PORT: port });
  });

  const endpointFor = (host: string) =>
    resolveDockerEndpoint({ env: { DOCKER_HOST: host, DOCKER_CONFIG: '/nonexistent' }, home: '/nonexistent' });

  it('gives the same analysis as the saved archive', async () => {
    const endpoint = await endpointFor(`ssh://root@127.0.0.1:${port}`);
    expect(endpoint).toMatchObject({ kind: 'ssh', user: 'root', port: Number(port) });
    const model = await readFromDaemon(image.ref, endpoint, { engine: 'docker' });
    expect(summarise(model)).toEqual(image.expected);
  });

  // Over ssh an export is the whole image through the link: a read again of the unchanged image has none,
  // as the daemon's own save events show (README "Layer cache").
  it('reads the unchanged image again over ssh without an export', async () => {
    const endpoint = await endpointFor(`ssh://root@127.0.0.1:${port}`);
    const dir = mkdtempSync(join(tmpdir(), 'ls-ssh-cache-'));
    try {
      const layerCache = parsedCacheFrom({ XDG_CACHE_HOME: dir }, {})!;
      const id = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image.ref])).stdout.trim();
      const read = () => readFromDaemon(image.ref, endpoint, { engine: 'docker', layerCache });
      expect((await exportsDuring(id, read)).exported).toHaveLength(1);
      const warm = await exportsDuring(id, read);
      expect(warm.exported).toEqual([]);
      expect(summarise(warm.result)).toEqual(image.expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Each Engine API call over ssh was a session of its own (0.8 s to set up on this loopback): the read's
  // inspect and export now share one. An `ssh` first on PATH counts the sessions and runs the real one.
  it('reads over one ssh session: inspect and export share it', async () => {
    const endpoint = await endpointFor(`ssh://root@127.0.0.1:${port}`);
    const dir = mkdtempSync(join(tmpdir(), 'ls-ssh-shim-'));
    const real = spawnSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).stdout.trim();
    const log = join(dir, 'sessions');
    writeFileSync(join(dir, 'ssh'), `#!/bin/sh\necho session >> '${log}'\nexec '${real}' "$@"\n`);
    chmodSync(join(dir, 'ssh'), 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path ?? ''}`;
    try {
      const model = await readFromDaemon(image.ref, endpoint, { engine: 'docker' });
      expect(summarise(model)).toEqual(image.expected);
      expect(readFileSync(log, 'utf8')).toBe('session\n');
    } finally {
      process.env.PATH = path;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports an absent image over ssh like locally', async () => {
    const endpoint = await endpointFor(`ssh://root@127.0.0.1:${port}`);
    await expect(readFromDaemon(`${image.repository}:absent`, endpoint, { engine: 'docker' })).rejects.toMatchObject({
      kind: 'source',
      message: expect.stringContaining('is not in the Docker daemon at ssh://root@127.0.0.1'),
    });
  });

  const expectSshFailure = async (host: string, reason: RegExp) => {
    const started = Date.now();
    const err = await readFromDaemon(image.ref, await endpointFor(host), { engine: 'docker' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(err).toMatchObject({ kind: 'source', hint: expect.stringContaining('works without a prompt') });
    expect((err as Error).message).not.toContain('\n');
    expect((err as Error).message).toMatch(reason);
  };

  it('fails in one line when nothing listens on the ssh port', async () => {
    const closed = await freePort();
    await expectSshFailure(
      `ssh://root@127.0.0.1:${closed}`,
      new RegExp(`^ssh to ssh://root@127\\.0\\.0\\.1:${closed} failed: Connection refused$`),
    );
  });

  it('fails in one line when the key is refused', async () => {
    await expectSshFailure(`ssh://nobody@127.0.0.1:${port}`, /failed: .*Permission denied/);
  });
});
