// The layer store on a read-only file system, through the BUILT CLI: a tmpfs mounted read-only (the tests
// run as root, which passes every permission check, so chmod cannot make a directory unwritable). `cat`
// of an image from standard input must keep its layers there, and cannot: one line that says the file
// system is read-only (Node's recursive mkdir says ENOENT: nodejs/node#47098), and a hint that works.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ls-ro-store-'));
const readOnly = join(dir, 'ro');
mkdirSync(readOnly);
const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', readOnly]).status === 0;
const ready = requireOrSkip('a read-only tmpfs mount (mount -t tmpfs -o ro needs root with CAP_SYS_ADMIN)', mounted);

afterAll(() => {
  if (mounted) spawnSync('umount', [readOnly]);
  rmSync(dir, { recursive: true, force: true });
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const archive = writeImageArchive(
  { repoTags: ['ro:1'], layers: [{ command: 'ADD b', entries: [{ path: 'b', content: 'two' }] }] },
  'docker-oci',
);

describe.skipIf(!ready)('a layer store on a read-only file system', () => {
  it.each([
    ['the store directory is missing', readOnly],
    ['several levels are missing', join(readOnly, 'home', 'user', '.cache')],
  ])('%s: says it is read-only, not that a file is missing', async (_case, cache) => {
    const run = await cli(['cat', '-', '/b'], { env: { XDG_CACHE_HOME: cache }, stdin: archive });
    expectOneLineError(
      run,
      new RegExp(`^layerscope: cannot write the layer store at ${escape(join(cache, 'layerscope'))}: its file system is read-only$`),
      /set XDG_CACHE_HOME to a directory on a writable file system, or read the image from an archive file/,
    );
  });

  it("the hint's way out: the same image read from an archive file needs no store", async () => {
    const file = join(dir, 'image.tar');
    writeFileSync(file, archive);
    const run = await cli(['cat', file, '/b'], { env: { XDG_CACHE_HOME: readOnly } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('two');
    expect(run.code).toBe(0);
  });
});
