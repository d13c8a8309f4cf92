// `layerscope diff` through the BUILT CLI on archives written in code: two builds of one Dockerfile, a
// base bump, identical and unrelated images, a daemon image against an archive; every number by hand.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec, LayerSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { cli, expectOneLineError } from '../helpers/run-cli.js';

// Base (shared): etc/os 100 B, bin/sh 1000 B                                                 = 1100 B
// Build 1 app layer: app/config.json 40 (v1), app/data.bin 500, app/build/{t1 250, t2 150},
//                    app/run.sh 8 (0755), app/current -> v1                                    = 948 B
// Build 2 app layer: app/config.json 40 (v2), app/data.bin 800 (grown), app/new.txt 60,
//                    app/run.sh 8 (0700), app/current -> v2; app/build gone                      = 908 B
const base: LayerSpec = {
  command: 'COPY rootfs /',
  entries: [
    { path: 'etc', type: 'dir' },
    { path: 'etc/os', content: 'o'.repeat(100) },
    { path: 'bin', type: 'dir' },
    { path: 'bin/sh', content: 's'.repeat(1000) },
  ],
};
const build1: LayerSpec = {
  command: 'COPY app /app',
  entries: [
    { path: 'app', type: 'dir' },
    { path: 'app/config.json', content: `{"v":1,${' '.repeat(32)}}` },
    { path: 'app/data.bin', content: 'd'.repeat(500) },
    { path: 'app/build', type: 'dir' },
    { path: 'app/build/t1', size: 250 },
    { path: 'app/build/t2', size: 150 },
    { path: 'app/run.sh', content: 'echo hi\n', mode: 0o755 },
    { path: 'app/current', type: 'symlink', linkTarget: 'v1' },
  ],
};
const build2: LayerSpec = {
  command: 'COPY app /app',
  entries: [
    { path: 'app', type: 'dir' },
    { path: 'app/config.json', content: `{"v":2,${' '.repeat(32)}}` },
    { path: 'app/data.bin', content: 'd'.repeat(800) },
    { path: 'app/new.txt', content: 'n'.repeat(60) },
    { path: 'app/run.sh', content: 'echo hi\n', mode: 0o700 },
    { path: 'app/current', type: 'symlink', linkTarget: 'v2' },
  ],
};
// A base bump: etc/os grows to 120 B under the unchanged build-1 app layer.
const bumpedBase: LayerSpec = {
  ...base,
  entries: [...base.entries!.slice(0, 1), { path: 'etc/os', content: 'p'.repeat(120) }, ...base.entries!.slice(2)],
};
const unrelated: ImageSpec = {
  repoTags: ['other:1'],
  layers: [{ command: 'COPY x /', entries: [{ path: 'x', content: 'x'.repeat(10) }] }],
};

let dir: string;
const at = (name: string) => join(dir, name);
const spec = (tag: string, layers: LayerSpec[]): ImageSpec => ({ repoTags: [tag], layers });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-diff-'));
  await writeFile(at('v1.tar'), writeImageArchive(spec('app:1', [base, build1]), 'docker-legacy'));
  await writeFile(at('v2.tar'), writeImageArchive(spec('app:2', [base, build2]), 'docker-oci'));
  await writeFile(at('bump.tar'), writeImageArchive(spec('app:bump', [bumpedBase, build1]), 'podman'));
  await writeFile(at('other.tar'), writeImageArchive(unrelated, 'docker-legacy'));
});

describe('layerscope diff', () => {
  it('two builds of one Dockerfile: every change, by size, with the aspect that changed', async () => {
    const run = await cli(['diff', '--json', '-', at('v1.tar'), at('v2.tar')]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, report: 'diff', identical: false });
    expect([doc.a.sizeBytes, doc.b.sizeBytes, doc.delta.sizeBytes]).toEqual([2048, 2008, -40]);
    expect([doc.a.finalFileCount, doc.b.finalFileCount]).toEqual([7, 6]);
    expect(doc.layers).toEqual({ shared: 1, commonPrefix: 1, sharedInA: [true, false], sharedInB: [true, false] });
    expect(
      doc.files.map((f: { path: string; change: string; aspects: string[]; sizeDelta: number }) => [
        f.path,
        f.change,
        f.aspects.join('+'),
        f.sizeDelta,
      ]),
    ).toEqual([
      ['/app/data.bin', 'modified', 'content', 300],
      ['/app/build/t1', 'removed', '', -250],
      ['/app/build/t2', 'removed', '', -150],
      ['/app/new.txt', 'added', '', 60],
      ['/app/config.json', 'modified', 'content', 0],
      ['/app/current', 'modified', 'link', 0],
      ['/app/run.sh', 'modified', 'mode', 0],
    ]);
    expect(doc.directories).toEqual([
      { path: '/app/build', delta: -400, added: 0, removed: 2, modified: 0 },
      { path: '/app', delta: 360, added: 1, removed: 0, modified: 4 },
    ]);
  });

  it('text: the summary table, where the histories part, and the largest changes', async () => {
    const run = await cli(['diff', at('v1.tar'), at('v2.tar')]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('size             2.0 kB    2.0 kB  -40 B (-1.95 %)');
    expect(lines).toContain('efficiency     100.00 %  100.00 %  0 pt');
    expect(lines).toContain('Layers: 1 shared (same diff id); A has 2, B has 2.');
    expect(lines).toContain('  The same from the base up to layer 1; they part at layer 2.');
    expect(lines).toContain('Files: 1 added, 2 removed, 4 modified (-40 B)');
    expect(lines).toContain('  ~ +300 B  /app/data.bin  (content)');
    expect(lines).toContain('      -400 B  /app/build  (+0 -2 ~0)');
    expect(lines).toContain('  ~    0 B  /app/run.sh  (mode)');
  });

  it('markdown, also appended to $GITHUB_STEP_SUMMARY', async () => {
    const summary = at('summary.md');
    await writeFile(summary, '# before\n');
    const run = await cli(['diff', '--format', 'markdown', at('v1.tar'), at('v2.tar')], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| size | 2.0 kB | 2.0 kB | -40 B (-1.95 %) |');
    expect(run.stdout).toContain('| - | -250 B | /app/build/t1 | removed |');
    expect(run.stdout).toContain('| ~ | 0 B | /app/run.sh | modified (mode) |');
    expect(await readFile(summary, 'utf8')).toBe(`# before\n${run.stdout}`);
  });

  // As --ci: a job that expects the summary must not pass without it, and the message says why.
  it('a $GITHUB_STEP_SUMMARY it cannot append to: one error line with the reason, exit 2', async () => {
    const run = await cli(['diff', at('v1.tar'), at('v2.tar')], { env: { GITHUB_STEP_SUMMARY: dir } });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('A: app:1'); // the report itself was printed, as --ci prints its own
    expect(run.stderr).toBe(
      `layerscope: cannot write the GitHub step summary to ${dir}: EISDIR\n  hint: check that the directory exists and is writable\n`,
    );
  });

  it('a base bump under an unchanged app: the app layer is shared, the histories part at the base', async () => {
    const run = await cli(['diff', '--json', '-', at('v1.tar'), at('bump.tar')]);
    const doc = JSON.parse(run.stdout);
    expect(doc.layers).toEqual({ shared: 1, commonPrefix: 0, sharedInA: [false, true], sharedInB: [false, true] });
    expect(doc.files.map((f: { path: string; sizeDelta: number }) => [f.path, f.sizeDelta])).toEqual([['/etc/os', 20]]);
  });

  it('--fail-on: exit 1 when B crosses a threshold, 0 within it', async () => {
    // v1 2048 B -> bump 2068 B: +20 B, +0.98 %
    const within = await cli(['diff', '--fail-on', 'size-growth=20,size-growth=1%', at('v1.tar'), at('bump.tar')]);
    expect(within.code).toBe(0);
    expect(within.stdout).toContain('  PASS: size-growth +20 B (limit 20)');
    const crossed = await cli(['diff', '--fail-on', 'size-growth=0.5%', at('v1.tar'), at('bump.tar')]);
    expect(crossed.code).toBe(1);
    expect(crossed.stdout).toContain('  FAIL: size-growth +0.98 % (limit 0.5%)');
  });

  it('identical images: one line', async () => {
    const run = await cli(['diff', at('v1.tar'), at('v1.tar')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^A and B are the same image \(sha256:[0-9a-f]{64}\): nothing differs\.\n$/);
  });

  it('unrelated images: nothing shared, every file added or removed', async () => {
    const doc = JSON.parse((await cli(['diff', '--json', '-', at('other.tar'), at('v1.tar')])).stdout);
    expect(doc.layers.shared).toBe(0);
    expect(doc.files.filter((f: { change: string }) => f.change === 'removed').map((f: { path: string }) => f.path)).toEqual(['/x']);
    expect(doc.files.filter((f: { change: string }) => f.change === 'added')).toHaveLength(8); // 7 regular files and the symlink app/current
  });

  it('--json writes terminal-active characters from image names as \\u escapes (CSI, bidi)', async () => {
    const hostile = `x\u009b31m\u202e`;
    await writeFile(
      at('hostile.tar'),
      writeImageArchive({ repoTags: ['h:1'], layers: [{ command: 'COPY', entries: [{ path: hostile, content: 'h' }] }] }, 'docker-legacy'),
    );
    const run = await cli(['diff', '--json', '-', at('other.tar'), at('hostile.tar')]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toContain(`/${hostile}`);
  });

  it('bad input: one line, a hint, exit 2', async () => {
    expectOneLineError(await cli(['diff', at('v1.tar'), at('missing.tar')]), /missing\.tar/);
    expectOneLineError(await cli(['diff', '--fail-on', 'size=1', at('v1.tar'), at('v2.tar')]), /bad --fail-on: unknown rule 'size'/);
    expectOneLineError(await cli(['diff', '-', '-']), /both be read from standard input/);
    // The --json target is checked before either image is read.
    expectOneLineError(
      await cli(['diff', '--json', '/nonexistent-dir/d.json', at('v1.tar'), at('missing.tar')]),
      /cannot write \/nonexistent-dir\/d\.json: ENOENT$/,
    );
  });
});

const dockerOk = requireOrSkip('a Docker daemon (docker info)', dockerAvailable());
describe.skipIf(!dockerOk)('layerscope diff, mixed sources', () => {
  it('an image in the daemon against an archive', async () => {
    execFileSync('docker', ['load', '-i', at('v1.tar')], { stdio: 'ignore' });
    const run = await cli(['diff', '--json', '-', 'docker:app:1', at('v2.tar')]);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.layers.commonPrefix).toBe(1);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual([
      '/app/data.bin',
      '/app/build/t1',
      '/app/build/t2',
      '/app/new.txt',
      '/app/config.json',
      '/app/current',
      '/app/run.sh',
    ]);
  });
});
