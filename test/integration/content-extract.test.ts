// `layerscope extract` and `cat` through the built CLI on archives written in code with hostile names:
// '..' and absolute names land inside DIR, a symlinked parent (in the image or already in DIR) is
// refused, setuid/setgid bits are dropped, device nodes skipped, nothing is overwritten without --force.
// Also `log` against a history worked out by hand, and the one-line refusals of `cat`.
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';

const HOSTILE: ImageSpec = {
  layers: [
    {
      command: 'RUN base',
      entries: [
        { path: 'etc', type: 'dir', mode: 0o755 },
        { path: 'etc/conf', content: 'v1\n', mode: 0o644 },
        { path: '../evil', content: 'climbed\n' },
        { path: '/abs/file', content: 'absolute\n' },
        { path: 'bin/su', content: 'setuid\n', mode: 0o6755 },
        { path: 'dev/null', type: 'char', mode: 0o666 },
        { path: 'etc/rel', type: 'symlink', linkTarget: 'conf' },
      ],
    },
    { command: 'RUN change', entries: [{ path: 'etc/conf', content: 'v2 longer\n' }] },
    { command: 'RUN remove', entries: [{ path: 'etc/conf', type: 'whiteout' }] },
    { command: 'RUN again', entries: [{ path: 'etc/conf', content: 'v3\n' }] },
  ],
};
// Checked with Docker (docker load, docker run ls): layer 2 holds only d/.wh..wh..opq, and /d stays, empty;
// x/y alone makes /x a directory, f/g alone turns the file /f into one.
const MARKERS: ImageSpec = {
  layers: [
    {
      command: 'RUN base',
      entries: [
        { path: 'd', type: 'dir' },
        { path: 'd/file', content: 'one\n' },
        { path: 'f', content: 'plain\n' },
      ],
    },
    { command: 'RUN opaque', entries: [{ path: 'd', type: 'opaque' }] },
    {
      command: 'RUN below',
      entries: [
        { path: 'x/y', content: 'xy\n' },
        { path: 'f/g', content: 'fg\n' },
      ],
    },
  ],
};
const SYMLINKED: ImageSpec = {
  layers: [
    { command: 'RUN link', entries: [{ path: 'data', type: 'symlink', linkTarget: '/tmp' }] },
    { command: 'RUN through', entries: [{ path: 'data/pwned', content: 'written through a link\n' }] },
  ],
};

describe('extract, cat and log on images built in code', () => {
  let dir = '';
  let hostile = '';
  let symlinked = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-extract-'));
    hostile = join(dir, 'hostile.tar');
    symlinked = join(dir, 'symlinked.tar');
    writeFileSync(hostile, writeImageArchive(HOSTILE, 'docker-legacy'));
    writeFileSync(symlinked, writeImageArchive(SYMLINKED, 'docker-oci'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const out = (name: string): string => join(dir, name);

  it('extracts the whole image inside DIR: .. and absolute names land inside, setuid dropped, devices skipped', async () => {
    const run = await cli(['extract', hostile, '/', '-o', out('all')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^layerscope: extracted \/ as of layer 4 to .*all \(4 files, 1 directory, 1 symlink\); skipped 1 device node or fifo\n$/,
    );
    expect(readFileSync(out('all/evil'), 'utf8')).toBe('climbed\n');
    expect(readFileSync(out('all/abs/file'), 'utf8')).toBe('absolute\n');
    expect(existsSync(join(dir, 'evil'))).toBe(false);
    expect(lstatSync(out('all/bin/su')).mode & 0o7777).toBe(0o755);
    expect(existsSync(out('all/dev/null'))).toBe(false);
    expect(readFileSync(out('all/etc/conf'), 'utf8')).toBe('v3\n');
    expect(readlinkSync(out('all/etc/rel'))).toBe('conf');
  });

  it('extracts a version as of a layer into DIR/<name>, and never overwrites without --force', async () => {
    const first = await cli(['extract', hostile, '/etc/conf', '--layer', '2', '-o', out('one')]);
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(out('one/conf'), 'utf8')).toBe('v2 longer\n');
    expectOneLineError(
      await cli(['extract', hostile, '/etc/conf', '-o', out('one')]),
      /one\/conf already exists; nothing was extracted/,
      /--force/,
    );
    expect(readFileSync(out('one/conf'), 'utf8')).toBe('v2 longer\n');
    const forced = await cli(['extract', hostile, '/etc/conf', '-o', out('one'), '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out('one/conf'), 'utf8')).toBe('v3\n');
  });

  it('-o that names something other than a directory: one line saying so, before the image is read', async () => {
    for (const target of ['/dev/null', hostile]) {
      expectOneLineError(
        await cli(['extract', hostile, '/', '-o', target]),
        new RegExp(`^layerscope: ${target} is not a directory$`),
        /-o a directory/,
      );
    }
  });

  it('refuses to write below a symlink the image makes', async () => {
    expectOneLineError(await cli(['extract', symlinked, '/', '-o', out('sym')]), /below a symlink in the image/);
    expect(existsSync('/tmp/pwned')).toBe(false);
  });

  it('never writes through a symlink already in DIR: refused, or with --force the link itself replaced', async () => {
    mkdirSync(out('pre'));
    mkdirSync(out('elsewhere'));
    symlinkSync(out('elsewhere'), out('pre/etc'));
    symlinkSync(out('elsewhere'), out('pre/abs'));
    expectOneLineError(await cli(['extract', hostile, '/', '-o', out('pre')]), /pre\/etc already exists; nothing was extracted/);
    // abs/ has no entry of its own (an implicit parent): the existing link is refused even with --force.
    expectOneLineError(
      await cli(['extract', hostile, '/', '-o', out('pre'), '--force']),
      /pre\/abs is a symlink, and nothing is written through it/,
    );
    expect(readdirSync(out('elsewhere'))).toEqual([]);
    rmSync(out('pre/abs'));
    const forced = await cli(['extract', hostile, '/', '-o', out('pre'), '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(lstatSync(out('pre/etc')).isDirectory()).toBe(true);
    expect(readdirSync(out('elsewhere'))).toEqual([]);
  });

  it('a hardlink that leads nowhere stops the extraction before anything is written', async () => {
    // 'a-fine' sorts first and would be written first; 'x' and 'y' link to each other.
    const looped = join(dir, 'looped.tar');
    writeFileSync(
      looped,
      writeImageArchive(
        {
          layers: [
            {
              command: 'RUN links',
              entries: [
                { path: 'a-fine', content: 'fine\n' },
                { path: 'x', type: 'hardlink', linkTarget: 'y' },
                { path: 'y', type: 'hardlink', linkTarget: 'x' },
              ],
            },
          ],
        },
        'docker-oci',
      ),
    );
    expectOneLineError(await cli(['extract', looped, '/', '-o', out('looped')]), /hardlinks at \/x form a loop/, /damaged/);
    expect(readdirSync(out('looped'))).toEqual([]);
  });

  it('names from the image are escaped in its messages', async () => {
    const evil = join(dir, 'evil-name.tar');
    writeFileSync(
      evil,
      writeImageArchive({ layers: [{ command: 'RUN x', entries: [{ path: 'x\x1b[31mred', content: 'x' }] }] }, 'docker-legacy'),
    );
    mkdirSync(out('esc'));
    writeFileSync(join(out('esc'), 'x\x1b[31mred'), 'already here');
    const run = await cli(['extract', evil, '/', '-o', out('esc')]);
    expectOneLineError(run, /esc\/x\\x1b\[31mred already exists/);
    expect(run.stderr).not.toContain('\x1b');
  });

  it('cat gives the version at a layer, and one line when there is none', async () => {
    expect((await cli(['cat', hostile, 'etc/conf', '--layer', '1'])).stdout).toBe('v1\n');
    expect((await cli(['cat', hostile, '/etc/conf'])).stdout).toBe('v3\n');
    // --debug before the command is the command's, as before an image (it was "too many arguments").
    const debugFirst = await cli(['--debug', 'cat', hostile, '/etc/conf']);
    expect([debugFirst.code, debugFirst.stdout]).toEqual([0, 'v3\n']);
    expectOneLineError(
      await cli(['cat', hostile, '/etc/conf', '--layer', '3']),
      /\/etc\/conf was removed at layer 3/,
      /exists at layer 1-2, 4: add --layer 1/,
    );
    expectOneLineError(await cli(['cat', hostile, '/etc']), /\/etc is a directory at layer 4/, /extract/);
    // The root and a directory only implied by a file below it (bin/su has no bin entry) have no entry of their own.
    expectOneLineError(await cli(['cat', hostile, '/']), /^layerscope: \/ is a directory at layer 4$/, /extract SOURCE \/$/);
    expectOneLineError(await cli(['cat', hostile, '/bin']), /^layerscope: \/bin is a directory at layer 4$/, /extract/);
    expectOneLineError(await cli(['cat', hostile, '/nope']), /\/nope is in no layer/);
    expectOneLineError(await cli(['cat', hostile, '/etc/rel']), /symlink to 'conf'/);
    expectOneLineError(await cli(['cat', hostile, '/etc/conf', '--layer', '9']), /bad --layer '9': the image has layers 1 to 4/);
    // Not a layer number at all: refused as the command line is parsed, before the image is read (a
    // missing source shows it: the error is about --layer, not the file), and 0x4 or 1e0 are not numbers here.
    for (const bad of ['abc', '0x4', '1e0', '0']) {
      expectOneLineError(
        await cli(['cat', '--layer', bad, join(dir, 'no-such.tar'), '/etc/conf']),
        new RegExp(
          `^layerscope: option '--layer <n>' argument '${bad}' is invalid\\. Give a layer number as the explorer shows it: 1 = base\\.$`,
        ),
      );
    }
  });

  it('log lists every layer that touched the path, as worked out by hand', async () => {
    const run = await cli(['log', hostile, '/etc/conf', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as {
      layer: number;
      change: string;
      sizeBytes: number | null;
      hash: string | null;
      command: string;
    }[];
    expect(rows.map(({ hash: _, ...r }) => r)).toEqual([
      { layer: 1, change: 'added', kind: 'file', sizeBytes: 3, command: 'RUN base' },
      { layer: 2, change: 'modified', kind: 'file', sizeBytes: 10, command: 'RUN change' },
      // A removal writes nothing: no size, no hash (it repeated the removed version's 10 bytes and hash).
      { layer: 3, change: 'removed', kind: null, sizeBytes: null, command: 'RUN remove' },
      { layer: 4, change: 'added', kind: 'file', sizeBytes: 3, command: 'RUN again' },
    ]);
    // v1 and v3 have the same length but not the same bytes.
    expect(rows.map((r) => r.hash === null)).toEqual([false, false, true, false]);
    expect(rows[0]!.hash).not.toBe(rows[3]!.hash);
    const text = (await cli(['log', hostile, '/etc/conf'])).stdout.split('\n');
    expect(text[2]).toMatch(/^2 {6}modified +10 B {2}[0-9a-f]{16} {2}RUN change$/);
    // Columns: layer 5, change 13, size 8 (right), hash 16, two spaces between.
    expect(text[3]).toBe(`${'3'.padEnd(5)}  ${'removed'.padEnd(13)}  ${'-'.padStart(8)}  ${'-'.padEnd(16)}  RUN remove`);
  });

  it('log shows the layer that made a directory opaque, and directories made by what a layer wrote below them', async () => {
    const markers = join(dir, 'markers.tar');
    writeFileSync(markers, writeImageArchive(MARKERS, 'docker-oci'));
    const log = async (path: string) => {
      const run = await cli(['log', markers, path, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const rows = JSON.parse(run.stdout) as { layer: number; change: string; sizeBytes: number | null }[];
      return rows.map((r) => `${r.layer} ${r.change} ${r.sizeBytes}`);
    };
    expect(await log('/d')).toEqual(['1 added 0', '2 modified 0']);
    expect(await log('/d/file')).toEqual(['1 added 4', '2 opaque-hidden null']);
    expect(await log('/x')).toEqual(['3 added 0']);
    expect(await log('/f')).toEqual(['1 added 6', '3 modified 0']);
    expectOneLineError(await cli(['cat', markers, '/f']), /\/f is a directory at layer 3/);
  });
});
