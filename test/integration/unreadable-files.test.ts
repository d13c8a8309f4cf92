// Files and directories the user may not use are the user's to fix, not layerscope bugs: an archive
// without read permission, and a layer store that cannot be written when a stream's layers must be kept
// there. Run without root's permission bypass (setpriv), as any user meets them.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { commandWorks, dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';
import { expectOneLineError } from '../helpers/run-cli.js';
import { cliBuilt, runCli } from './daemon-support/cli.js';

const ready = requireOrSkip('setpriv and the built CLI', commandWorks('setpriv', ['--version']) && cliBuilt());
const IMAGE = { layers: [{ command: 'RUN x', entries: [{ path: 'etc/hello', content: 'hi\n' }] }] };

describe.skipIf(!ready)('files the user may not use', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-unreadable-'));
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'locked.tar'), writeImageArchive(IMAGE, 'docker-oci'), { mode: 0o000 });
    // A gzipped docker save is read as a stream: cat keeps its layers in the store.
    writeFileSync(join(dir, 'image.tar.gz'), gzipSync(writeImageArchive(IMAGE, 'docker-oci')), { mode: 0o644 });
    mkdirSync(join(dir, 'cache'), { mode: 0o555 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an archive without read permission: one line naming it, not an internal error', async () => {
    expectOneLineError(
      await runCli(['--json', '-', join(dir, 'locked.tar')], {}, { permissionsApply: true }),
      new RegExp(`^layerscope: cannot read ${dir}/locked\\.tar: permission denied$`),
      /permissions/,
    );
  });

  it("a layer store that cannot be written, when cat must keep a stream's layers: the store is named, not the archive", async () => {
    expectOneLineError(
      await runCli(['cat', join(dir, 'image.tar.gz'), '/etc/hello'], { XDG_CACHE_HOME: join(dir, 'cache') }, { permissionsApply: true }),
      new RegExp(`^layerscope: cannot write the layer store at ${dir}/cache/layerscope: permission denied$`),
      /XDG_CACHE_HOME/,
    );
  });
});

// A bare name the daemon cannot give is looked for in its registry; a layer store that cannot be
// written is no such case: cat of a daemon image asked Docker Hub for it, and said so in the hint.
const daemon = requireOrSkip('a Docker daemon and the built CLI', dockerAvailable() && cliBuilt());
describe.skipIf(!daemon)("a layer store that cannot be written, for a daemon's image", () => {
  const tag = 'lstest/store-unwritable:1';
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-store-'));
    writeFileSync(join(dir, 'not-a-dir'), '');
    await buildBusyboxImage(tag, ['echo hi > /hello']);
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await removeImages([tag]);
  });

  it('is the answer, in one line: no registry is asked', async () => {
    const run = await runCli(['cat', tag, '/hello'], { XDG_CACHE_HOME: join(dir, 'not-a-dir') });
    expectOneLineError(run, new RegExp(`^layerscope: cannot write the layer store at ${dir}/not-a-dir/layerscope: ENOTDIR$`));
    expect(run.stderr).not.toMatch(/registry/);
  });
});
