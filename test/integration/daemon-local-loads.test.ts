// A read from a local socket makes its inspect and export off the socket (raw-inspect.ts, raw-export.ts):
// it must not load dockerode, whose loading cost every such read ~25–45 ms of start-up. Here loading it
// fails the read, so a path that still reaches for it cannot pass.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DOCKER_SOCKET, parseDaemonHost } from '../../src/io/daemon/endpoint.js';
import { readFromDaemon } from '../../src/io/daemon/read-from-daemon.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';

vi.mock('dockerode', () => {
  throw new Error('dockerode was loaded');
});

const available = requireOrSkip('Docker daemon', dockerAvailable());
const ref = 'lstest/no-dockerode:1';

describe.skipIf(!available)('a read from the local socket', () => {
  beforeAll(() => buildBusyboxImage(ref, ['echo hi > /hi']), 60_000);
  afterAll(() => removeImages([ref]));

  it('reads the image without loading dockerode', async () => {
    const endpoint = parseDaemonHost(`unix://${DEFAULT_DOCKER_SOCKET}`, 'test');
    const model = await readFromDaemon(ref, endpoint, { engine: 'docker' });
    const layers = execFileSync('docker', ['image', 'inspect', '--format', '{{len .RootFS.Layers}}', ref], { encoding: 'utf8' });
    expect(model.layers).toHaveLength(Number(layers.trim()));
    expect(model.tags).toEqual([ref]);
  });

  it('a path that needs dockerode (a pull) does load it, so the mock above is what fails', async () => {
    const endpoint = parseDaemonHost(`unix://${DEFAULT_DOCKER_SOCKET}`, 'test');
    await expect(readFromDaemon('lstest/absent-for-pull:1', endpoint, { engine: 'docker', pull: true })).rejects.toThrow(/error when mock/);
  });
});
