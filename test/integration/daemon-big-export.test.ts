// A daemon that dies in the middle of an export must make the read fail with a one-line error, quickly,
// and never yield a partial image. The test kills a dockerd of its own, never the shared one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { parseDaemonHost, readFromDaemon } from '../../src/io/daemon/index.js';
import { hasCommand } from './daemon-support/commands.js';
import { buildBusyboxImage, removeImages, saveImage } from './daemon-support/busybox-image.js';
import { startPrivateDockerd, type PrivateDockerd } from './daemon-support/private-dockerd.js';

const available = requireOrSkip('Docker daemon and dockerd', dockerAvailable() && hasCommand('dockerd'));

describe.skipIf(!available)('a daemon that dies mid-export', () => {
  const ref = `lstest-dies-${randomBytes(4).toString('hex')}:v1`;
  let work: string;
  let daemon: PrivateDockerd;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ls-dies-'));
    // Random bytes, so the export is big enough to still be streaming when the daemon is killed.
    await buildBusyboxImage(ref, ['dd if=/dev/urandom of=/blob bs=1M count=96 2>/dev/null', 'dd if=/dev/urandom of=/blob2 bs=1M count=96 2>/dev/null']);
    const archive = join(work, 'big.tar');
    await saveImage(ref, archive);
    daemon = await startPrivateDockerd();
    await daemon.load(archive);
  });
  afterAll(async () => {
    await daemon?.stop();
    await removeImages([ref]);
    rmSync(work, { recursive: true, force: true });
  });

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
    }).then((model) => ({ model }), (error: unknown) => ({ error }));
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
