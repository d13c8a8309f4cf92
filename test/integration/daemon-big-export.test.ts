// A sizeable image (192 MB of random bytes) in a dockerd of the test's own. Read whole, through the
// built CLI, it gives the same JSON as its saved archive. Killed mid-export, the daemon makes the read
// fail with a one-line error, quickly, and never yields a partial image.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { parseDaemonHost, readFromDaemon } from '../../src/io/daemon/index.js';
import { cliBuilt, runCli } from './daemon-support/cli.js';
import { hasCommand } from './daemon-support/commands.js';
import { buildBusyboxImage, removeImages, saveImage } from './daemon-support/busybox-image.js';
import { startPrivateDockerd, type PrivateDockerd } from './daemon-support/private-dockerd.js';

const available = requireOrSkip('Docker daemon, dockerd and the built CLI', dockerAvailable() && hasCommand('dockerd') && cliBuilt());

describe.skipIf(!available)('a sizeable export from a daemon of our own', () => {
  const ref = `lstest-big-${randomBytes(4).toString('hex')}:v1`;
  let work: string;
  let archive: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ls-big-'));
    // Random bytes, so the export is big enough to still be streaming when the daemon is killed.
    await buildBusyboxImage(ref, [
      'dd if=/dev/urandom of=/blob bs=1M count=96 2>/dev/null',
      'dd if=/dev/urandom of=/blob2 bs=1M count=96 2>/dev/null',
    ]);
    archive = join(work, 'big.tar');
    await saveImage(ref, archive);
  });
  afterAll(async () => {
    await removeImages([ref]);
    rmSync(work, { recursive: true, force: true });
  });

  it('read whole through the CLI, equals the saved archive', async () => {
    const daemon = await startPrivateDockerd();
    try {
      await daemon.load(archive);
      const fromDaemon = join(work, 'daemon.json');
      const fromArchive = join(work, 'archive.json');
      expect((await runCli(['-H', daemon.unixHost, '--json', fromDaemon, ref], {})).code).toBe(0);
      expect((await runCli(['--json', fromArchive, `docker-archive:${archive}`], {})).code).toBe(0);
      const [a, b] = [fromDaemon, fromArchive].map((f) => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>);
      expect(a!.layer).toEqual(b!.layer);
      expect(a!.image).toEqual(b!.image);
    } finally {
      await daemon.stop();
    }
  });

  describe('killed mid-export', () => {
    let daemon: PrivateDockerd;
    beforeAll(async () => {
      daemon = await startPrivateDockerd();
      await daemon.load(archive);
    });
    afterAll(async () => daemon?.stop());

    it('rejects with a one-line source error and no model', async () => {
      const endpoint = parseDaemonHost(daemon.unixHost, 'test');
      let killedAt = 0;
      const started = Date.now();
      const result = await readFromDaemon(ref, endpoint, {
        engine: 'docker',
        // Kill as soon as the export starts flowing: the daemon cannot have sent it all yet.
        onProgress: (p) => {
          if (!killedAt && p.bytesRead > 0) {
            killedAt = p.bytesRead;
            daemon.kill();
          }
        },
      }).then(
        (model) => ({ model }),
        (error: unknown) => ({ error }),
      );
      expect(killedAt).toBeGreaterThan(0);
      expect('model' in result).toBe(false);
      const error = (result as { error: Error & { kind?: string; hint?: string } }).error;
      expect(error.name).toBe('LayerscopeError');
      expect(error.kind).toBe('source');
      expect(error.message).toMatch(/stopped sending .* after [\d.]+ MB: /);
      expect(error.message).not.toContain('\n');
      expect(error.message).toContain(daemon.unixHost);
      expect(error.hint).toBeTruthy();
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  });
});
