// The file viewer on an image from a registry (Debian's docker-registry on loopback, pushed with skopeo)
// and from the Docker daemon, through the built CLI in a real 120x24 terminal (tmux), without
// --keep-layers: the read keeps no layer, and opening a file fetches its layer again into the store (the
// registry) or exports the image again by its id (the daemon). Before, both said the bytes "were not
// kept". Expected lines are the ones the images were built with.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages } from '../integration/daemon-support/busybox-image.js';
import { skopeoPush } from '../integration/registry-support/push.js';
import { REGISTRY_BIN, startRegistry, type RunningRegistry } from '../integration/registry-support/registry-server.js';
import { TmuxTerminal, tmuxAvailable } from './tmux.js';
import { writeViewerArchive } from './viewer-archive.js';

const run =
  requireOrSkip('tmux', tmuxAvailable()) &&
  requireOrSkip('docker-registry and skopeo', existsSync(REGISTRY_BIN) && commandWorks('skopeo', ['--version'])) &&
  requireOrSkip('the built CLI (npm run build; npm test does)', existsSync('dist/cli/main.js'));
const CLI = resolve('bin/layerscope.js');

describe.skipIf(!run)('file viewer on a registry image (tmux, built CLI, real registry)', () => {
  let registry: RunningRegistry;
  let cache = '';
  let terminal: TmuxTerminal | undefined;
  beforeAll(async () => {
    registry = await startRegistry();
    cache = mkdtempSync(join(tmpdir(), 'ls-e2e-reg-cache-'));
    await skopeoPush(`docker-archive:${writeViewerArchive()}`, `${registry.host}/viewer:1`, { compress: 'gzip' });
  });
  afterAll(async () => {
    terminal?.kill();
    await registry?.stop();
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  test('Enter on a file shows its text, its layer fetched again', async () => {
    const t = (terminal = new TmuxTerminal(120, 24, { NO_COLOR: '1', XDG_CACHE_HOME: cache }));
    t.run(`clear; node ${CLI} registry:${registry.host}/viewer:1; echo EXIT=$?`);
    await t.waitFor((s) => s.includes('Layers 1/2'), 'the explorer');
    t.keys('Tab');
    await t.waitFor((s) => s.includes('▶ Layer contents'), 'the tree focused');
    for (let i = 0; i < 4; i++) t.keys('j');
    await t.waitFor((s) => /^.*│>.*notes\.txt/m.test(s), 'the cursor on notes.txt');
    t.keys('Enter');
    const s = await t.waitFor((x) => x.includes('View: /etc/notes.txt · layer 1 of 2') && x.includes('   2 │ line 2'), 'the file');
    expect(s).not.toMatch(/not kept/);
    t.keys('Escape');
    await t.waitFor((x) => x.includes('Layer contents') && !x.includes('View:'), 'back in the tree');
    t.keys('q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });
});

const daemonReady = run && requireOrSkip('a Docker daemon', dockerAvailable());

describe.skipIf(!daemonReady)('file viewer on a daemon image (tmux, built CLI, real daemon)', () => {
  const tag = `ls-e2e-again-${process.pid}:1`;
  let cache = '';
  let terminal: TmuxTerminal | undefined;
  beforeAll(async () => {
    cache = mkdtempSync(join(tmpdir(), 'ls-e2e-daemon-cache-'));
    await buildBusyboxImage(tag, ['mkdir -p /etc && echo hello from the daemon > /etc/greeting']);
  });
  afterAll(async () => {
    terminal?.kill();
    await removeImages([tag]);
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  test('Enter on a file shows its text, the image exported again by id', async () => {
    const t = (terminal = new TmuxTerminal(120, 24, { NO_COLOR: '1', XDG_CACHE_HOME: cache }));
    t.run(`clear; node ${CLI} ${tag}; echo EXIT=$?`);
    await t.waitFor((s) => s.includes('Layers 1/3'), 'the explorer');
    t.keys('j', 'j');
    await t.waitFor((s) => s.includes('Layers 3/3'), 'the last layer');
    t.keys('Tab', '/');
    t.type('greeting');
    await t.waitFor((s) => s.includes('Filter: greeting_') && s.includes('greeting'), 'the filter');
    t.keys('Enter');
    await t.waitFor((s) => !s.includes('Filter: greeting_'), 'the filter line closed');
    t.keys('j');
    await t.waitFor((s) => /^.*│>.*greeting/m.test(s), 'the cursor on greeting');
    t.keys('Enter');
    const s = await t.waitFor((x) => x.includes('View: /etc/greeting') && x.includes('   1 │ hello from the daemon'), 'the file');
    expect(s).not.toMatch(/not kept/);
    t.keys('Escape');
    await t.waitFor((x) => x.includes('Layer contents') && !x.includes('View:'), 'back in the tree');
    t.keys('q');
    await t.waitFor((x) => x.includes('EXIT=0'), 'exit 0');
  });
});
