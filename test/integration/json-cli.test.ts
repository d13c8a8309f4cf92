// `layerscope --json` through the BUILT CLI: the numbers of a small image worked out by hand (below),
// dive's field names, stdin, and every kind of bad input giving one line, a hint and exit code 2.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { BIN, cli, expectOneLineError, runCommand, withOwnCache } from '../helpers/run-cli.js';

// Layer 0: etc/os 100, bin/tool 1000, data/a 300, data/b 200            (size 1600)
// Layer 1: bin/tool rewritten 1000 (new content), app/log 50            (size 1050)
// Layer 2: whiteout of the directory data (a+b = 500 below), app/log 70  (size 70); then ENV (no layer)
// dive, per leaf path: cum / min / count
//   etc/os 100/100/1, bin/tool 2000/1000/2, data/a 300/300/1, data/b 200/200/1, app/log 120/50/2, data 500/500/1
//   Σcum 3220, Σmin 2150 → efficiency 2150/3220; wasted = 2000 + 120 = 2120; user size 1050 + 70 = 1120
// honest: layer 0 loses bin/tool (1000, overwritten) and data/* (500, deleted); layer 1 loses app/log (50,
//   overwritten) → 1550 in all; visible at the end: etc/os 100 + bin/tool 1000 + app/log 70 = 1170 in 3 files
const SPEC: ImageSpec = {
  repoTags: ['handworked:1'],
  layers: [
    {
      command: 'ADD rootfs /',
      entries: [
        { path: 'etc', type: 'dir' },
        { path: 'etc/os', size: 100 },
        { path: 'bin', type: 'dir' },
        { path: 'bin/tool', content: 'x'.repeat(1000) },
        { path: 'data', type: 'dir' },
        { path: 'data/a', size: 300 },
        { path: 'data/b', size: 200 },
      ],
    },
    {
      command: 'RUN update-tool',
      entries: [
        { path: 'bin', type: 'dir' },
        { path: 'bin/tool', content: 'y'.repeat(1000) },
        { path: 'app', type: 'dir' },
        { path: 'app/log', size: 50 },
      ],
    },
    {
      command: 'RUN rm -rf /data && log',
      entries: [
        { path: 'data', type: 'whiteout' },
        { path: 'app', type: 'dir' },
        { path: 'app/log', size: 70 },
      ],
    },
  ],
  emptySteps: [{ command: 'ENV MODE=prod', after: 2 }],
};

let dir: string;
let archive: string;
const at = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-json-'));
  archive = at('handworked.tar');
  await writeFile(archive, writeImageArchive(SPEC, 'docker-legacy'));
});

describe('layerscope --json', () => {
  it("writes the hand-worked numbers under dive's field names", async () => {
    const run = await cli(['--json', '-', archive]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.image).toMatchObject({
      sizeBytes: 2720,
      inefficientBytes: 2120,
      userSizeBytes: 1120,
      fileReference: [
        { count: 2, sizeBytes: 2000, file: '/bin/tool' },
        { count: 2, sizeBytes: 120, file: '/app/log' },
      ],
      honestWaste: { totalBytes: 1550, overwrittenBytes: 1050, deletedBytes: 500, opaqueHiddenBytes: 0 },
      finalVisibleBytes: 1170,
      finalFileCount: 3,
      tags: ['handworked:1'],
    });
    expect(doc.image.efficiencyScore).toBeCloseTo(2150 / 3220, 12);
    expect(doc.image.userWastedPercent).toBeCloseTo(2120 / 1120, 12);
    expect(doc.layer.map((l: { index: number; sizeBytes: number; command: string }) => [l.index, l.sizeBytes, l.command])).toEqual([
      [0, 1600, 'ADD rootfs /'],
      [1, 1050, 'RUN update-tool'],
      [2, 70, 'RUN rm -rf /data && log'],
    ]);
    for (const layer of doc.layer) {
      expect(layer.digestId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(layer.id).toMatch(/^[0-9a-f]{64}$/);
      expect(layer.files).toBeUndefined();
    }
    expect(doc.layer.map((l: { waste: unknown }) => l.waste)).toEqual([
      { writtenBytes: 1600, visibleBytes: 100, overwrittenBytes: 1000, deletedBytes: 500, opaqueHiddenBytes: 0 },
      { writtenBytes: 1050, visibleBytes: 1000, overwrittenBytes: 50, deletedBytes: 0, opaqueHiddenBytes: 0 },
      { writtenBytes: 70, visibleBytes: 70, overwrittenBytes: 0, deletedBytes: 0, opaqueHiddenBytes: 0 },
    ]);
    expect(doc.history.map((h: { createdBy: string; emptyLayer: boolean }) => [h.createdBy, h.emptyLayer])).toEqual([
      ['ADD rootfs /', false],
      ['RUN update-tool', false],
      ['RUN rm -rf /data && log', false],
      ['ENV MODE=prod', true],
    ]);
  });

  it('reads an archive given as a pipe (bash process substitution) or a FIFO, as it reads the file', async () => {
    const fromFile = await cli(['--json', '-', archive]);
    const viaBash = await withOwnCache({ ...process.env }, (env) =>
      runCommand('bash', ['-c', 'exec "$0" "$1" --json - <(cat "$2")', process.execPath, BIN, archive], { env }),
    );
    expect(viaBash.stderr).toBe('');
    expect(viaBash.code).toBe(0);
    expect(JSON.parse(viaBash.stdout)).toEqual(JSON.parse(fromFile.stdout));
    const fifo = at('image.fifo');
    execFileSync('mkfifo', [fifo]);
    const reading = cli(['--json', '-', fifo]);
    await writeFile(fifo, await readFile(archive)); // opening the FIFO waits for the CLI to open it too
    const viaFifo = await reading;
    expect(viaFifo.code).toBe(0);
    expect(JSON.parse(viaFifo.stdout)).toEqual(JSON.parse(fromFile.stdout));
  });

  it("lists each layer's files with --json-files, and reads an archive from stdin", async () => {
    const run = await cli(['--json', '-', '--json-files', '-'], { stdin: writeImageArchive(SPEC, 'podman') });
    expect(run.code).toBe(0);
    const files = JSON.parse(run.stdout).layer[2].files;
    expect(files).toContainEqual({
      path: '/data',
      kind: 'whiteout',
      change: 'removed',
      sizeBytes: 0,
      mode: expect.any(String),
      uid: 0,
      gid: 0,
    });
    expect(files).toContainEqual(
      expect.objectContaining({
        path: '/app/log',
        kind: 'file',
        change: 'modified',
        sizeBytes: 70,
        mode: '0644',
        hash: expect.stringMatching(/^[0-9a-f]{16}$/),
      }),
    );
  });

  it('writes to a file and says nothing on stdout', async () => {
    const run = await cli(['--json', at('out.json'), `docker-archive:${archive}`]);
    expect([run.code, run.stdout, run.stderr]).toEqual([0, '', '']);
  });
});

describe('bad input: one line, a hint, exit 2', () => {
  it.each([
    ['a missing file', () => [at('nope.tar')], /no such file/],
    [
      'a file that is not an archive',
      async () => {
        await writeFile(at('junk.tar'), 'hello, this is not a tar file\n'.repeat(100));
        return [at('junk.tar')];
      },
      /./,
    ],
    [
      'a truncated archive',
      async () => {
        const whole = writeImageArchive(SPEC, 'docker-legacy');
        await writeFile(at('cut.tar'), whole.subarray(0, Math.floor(whole.length / 2)));
        return [at('cut.tar')];
      },
      /end|truncat/,
    ],
    [
      'a whiteout that deletes nothing',
      async () => {
        await writeFile(
          at('dangling.tar'),
          writeImageArchive(
            { layers: [SPEC.layers[0]!, { command: 'RUN rm', entries: [{ path: 'ghost', type: 'whiteout' }] }] },
            'docker-legacy',
          ),
        );
        return [at('dangling.tar')];
      },
      /dangling whiteout: layer 2 deletes '\/ghost'/, // the second layer, numbered from 1 as --layer numbers them
    ],
    [
      'an unknown platform',
      async () => {
        await writeFile(at('oci.tar'), writeImageArchive({ ...SPEC, platform: { os: 'linux', architecture: 'amd64' } }, 'oci-archive'));
        return ['--platform', 'linux/s390x', `oci-archive:${at('oci.tar')}`];
      },
      /linux\/s390x/,
    ],
    ['a malformed --platform', () => ['--platform', 'linux', archive], /bad --platform/],
    ['no image at all', () => [], /no image given/],
    ['the image as --json FILE', () => ['--json', 'registry:app'], /no image given \(--json takes a FILE first\)$/],
    ['an unwritable --json target', () => [archive, '--json', '/nonexistent-dir/out.json'], /cannot write/],
    // Checked before the image is read: the missing image is not what it reports.
    [
      'an unwritable --json target, before the read',
      () => [at('missing.tar'), '--json', '/nonexistent-dir/out.json'],
      /cannot write \/nonexistent-dir\/out\.json: ENOENT$/,
    ],
    ['a directory as the --json target', () => [archive, '--json', dir], /cannot write .*: EISDIR$/],
    ['an endless stream of zeros (/dev/zero): one error, no hang', () => ['/dev/zero'], /\/dev\/zero has no manifest\.json or index\.json/],
  ])('%s', async (_name, args, message) => {
    const extra = await args();
    const run = await cli(extra.includes('--json') ? extra : ['--json', '-', ...extra]);
    expectOneLineError(run, message);
  });

  it('an option where --json wants its file: refused, and no file named after the option is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ls-json-flag-'));
    const run = await cli(['--json', '--no-cache', archive], { cwd: dir });
    expectOneLineError(run, /--json <file>' argument '--no-cache' is invalid\. It looks like an option/, /--help/);
    expect(existsSync(join(dir, '--no-cache'))).toBe(false);
    const diff = await cli(['diff', '--json', '--all', archive, archive], { cwd: dir });
    expectOneLineError(diff, /--json <file>' argument '--all' is invalid/);
  });

  it('analyses a dangling whiteout with --lenient, and says so', async () => {
    const run = await cli(['--json', '-', '--lenient', at('dangling.tar')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^layerscope: warning: dangling whiteout/);
    expect(JSON.parse(run.stdout).warnings).toHaveLength(1);
  });
});

// A full disk under standard output (/dev/full) is the user's to fix, not a bug: one line and a hint,
// exit 2, whatever wrote (the JSON, a file's bytes, the help). It printed an error line, then an
// "internal error … this is a bug in layerscope" line.
describe.skipIf(!existsSync('/dev/full'))('standard output on a full disk', () => {
  it.each([
    ['--json -', ['--json', '-']],
    ['cat', ['cat']],
    ['--help', ['--help']],
  ])('%s: one line and a hint, exit 2', async (_name, args) => {
    const rest = args[0] === '--help' ? [] : args[0] === 'cat' ? [archive, '/bin/tool'] : [archive];
    const line = [process.execPath, BIN, ...args, ...rest].map((a) => `'${a}'`).join(' ');
    const run = await withOwnCache(process.env, (env) => runCommand('sh', ['-c', `exec ${line} > /dev/full`], { env }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'layerscope: cannot write the output: ENOSPC\n  hint: the disk is full: free some space, or send the output elsewhere\n',
    );
  });
});

// A cache another user filled (`sudo layerscope …` once) cannot be pruned by this one: one line saying
// so and what to do, not "internal error: EACCES … a bug in layerscope".
const asNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');
describe.skipIf(!asNobody)("cache prune of another user's cache", () => {
  it('one line naming the file and the cause, a hint, exit 2', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'ls-prune-'));
    execFileSync('chmod', ['755', cache]);
    execFileSync(process.execPath, [BIN, '--json', '/dev/null', archive], { env: { ...process.env, XDG_CACHE_HOME: cache } });
    execFileSync('chmod', ['-R', 'a+rX', cache]);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', XDG_CACHE_HOME: cache };
    const run = await runCommand('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'cache', 'prune'], {
      env,
    });
    expectOneLineError(
      run,
      new RegExp(`^layerscope: cannot change the layer cache at ${cache}/layerscope/\\S+: EACCES$`),
      /another user's/,
    );
  });
});
