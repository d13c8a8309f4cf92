// `layerscope log` against Docker: an archive built here is `docker load`ed, a container's filesystem
// `docker export`ed, and for every path of the image the last row of `log --json` must say what Docker
// shows: present (added/modified) exactly when the container has the path, with no hash exactly when
// it is a directory there. The layers hold what history needs most: an opaque marker alone, one with
// its directory (as Docker writes it), a whiteout of a parent, and files whose parents no layer wrote.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { exported } from '../helpers/docker-export.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { cli } from '../helpers/run-cli.js';

const haveDocker = requireOrSkip('Docker daemon', dockerAvailable());

const LAYERS: LayerSpec[] = [
  {
    command: 'RUN base',
    entries: [
      { path: 'd', type: 'dir' },
      { path: 'd/file', content: 'one\n' },
      { path: 'e', type: 'dir' },
      { path: 'e/f', content: 'ef\n' },
      { path: 'f', content: 'plain\n' },
      { path: 'o', type: 'dir' },
      { path: 'o/old', content: 'old\n' },
    ],
  },
  {
    command: 'RUN rm -rf /o/* /d/* /e; echo > /x/y …',
    entries: [
      { path: 'd', type: 'opaque' },
      { path: 'e', type: 'whiteout' },
      { path: 'o', type: 'dir' },
      { path: 'o', type: 'opaque' },
      { path: 'o/new', content: 'new\n' },
      { path: 'x/y', content: 'xy\n' },
      { path: 'f/g', content: 'fg\n' },
    ],
  },
];
const PATHS = ['d', 'd/file', 'e', 'e/f', 'f', 'f/g', 'o', 'o/old', 'o/new', 'x', 'x/y'];

describe.skipIf(!haveDocker)('log agrees with the container Docker makes', () => {
  let dir = '';
  const tag = `layerscope-test/log-${process.pid}:1`;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ls-log-docker-'));
  });
  afterAll(async () => {
    spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' }); // absent when the load failed
    await rm(dir, { recursive: true, force: true });
  });

  it('the last row of every path says what the container has', { timeout: 120_000 }, async () => {
    const archive = join(dir, 'image.tar');
    await writeFile(archive, writeImageArchive({ repoTags: [tag], layers: LAYERS }, 'docker-legacy'));
    execFileSync('docker', ['load', '-q', '-i', archive]);
    const docker = exported(tag).files;
    const seen: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const path of PATHS) {
      const run = await cli(['log', archive, `/${path}`, '--json']);
      expected[path] = docker.get(path) ?? 'absent';
      if (run.code !== 0) {
        seen[path] = run.stderr.trim(); // "no layer … touched": no row at all
        continue;
      }
      const last = (JSON.parse(run.stdout) as { change: string; hash: string | null }[]).at(-1)!;
      const present = last.change === 'added' || last.change === 'modified';
      seen[path] = present ? (last.hash === null ? 'dir' : 'file') : 'absent';
    }
    expect(seen).toEqual(expected);
  });
});
