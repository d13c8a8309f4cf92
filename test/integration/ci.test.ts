// The gate end to end: the BUILT CLI (`node bin/layerscope.js`, run `npm run build` first) on archives
// written in code, then on an image built by the real Docker daemon. Exit codes are the contract:
// 0 pass, 1 a rule failed, 2 bad config or unreadable image.
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { cli, ROOT, runCommand } from '../helpers/run-cli.js';

/** Two small layers, nothing written twice: efficiency 1, no waste. */
const CLEAN: ImageSpec = {
  repoTags: ['lsfix/ci-clean:1'],
  layers: [
    {
      command: 'ADD base',
      entries: [
        { path: 'bin', type: 'dir' },
        { path: 'bin/tool', size: 4000 },
      ],
    },
    {
      command: 'COPY app',
      entries: [
        { path: 'app', type: 'dir' },
        { path: 'app/main', size: 1000 },
      ],
    },
  ],
};

/** A 10 kB file written twice, then a 2 kB file deleted: efficiency (4000+10000+2000)/(4000+20000+2000). */
const WASTEFUL: ImageSpec = {
  repoTags: ['lsfix/ci-wasteful:1'],
  layers: [
    { command: 'ADD base', entries: [{ path: 'bin/tool', size: 4000 }] },
    {
      command: 'RUN fetch',
      entries: [
        { path: 'opt/blob', content: 'a'.repeat(10_000) },
        { path: 'tmp/junk', size: 2000 },
      ],
    },
    {
      command: 'RUN rebuild',
      entries: [
        { path: 'opt/blob', content: 'b'.repeat(10_000) },
        { path: 'tmp/junk', type: 'whiteout' },
      ],
    },
  ],
};

let dir: string;
let clean: string;
let wasteful: string;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
  dir = await mkdtemp(join(tmpdir(), 'ls-ci-int-'));
  clean = join(dir, 'clean.tar');
  wasteful = join(dir, 'wasteful.tar');
  await writeFile(clean, writeImageArchive(CLEAN, 'docker-oci'));
  await writeFile(wasteful, writeImageArchive(WASTEFUL, 'docker-legacy'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const workDir = () => mkdtemp(join(dir, 'cwd-'));
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('layerscope --ci on archives', () => {
  it('exits 0 and prints a PASS report when every rule passes', async () => {
    const run = await cli(['--ci', `docker-archive:${clean}`], { cwd: await workDir() });
    expect(run.stderr).not.toContain('layerscope:');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  efficiency: 100.0000 %\n');
    expect(run.stdout).toContain('  PASS: lowestEfficiency\n');
    expect(run.stdout).toMatch(/Result:PASS \[Total:10\] \[Passed:3\] \[Failed:0\] \[Warn:0\] \[Skipped:7\]\n$/);
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('exits 1 with FAIL lines when a rule fails', async () => {
    const run = await cli(['--ci', `docker-archive:${wasteful}`], { cwd: await workDir() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`  efficiency: ${((14_000 / 26_000) * 100).toFixed(4)} %\n`);
    expect(run.stdout).toContain('  wastedBytes: 22000 bytes (22 kB)\n');
    expect(run.stdout).toMatch(/ {4}2 {9}20 kB {2}\/opt\/blob\n/);
    expect(run.stdout).toContain('  FAIL: lowestEfficiency: image efficiency is too low');
    expect(run.stdout).toContain('  FAIL: highestUserWastedPercent: too many bytes wasted, relative to the user bytes added');
    expect(run.stdout).toContain('Result:FAIL');
  });

  it('gates when CI=true is in the environment, without --ci', async () => {
    const run = await cli([`docker-archive:${wasteful}`], { cwd: await workDir(), env: { CI: 'true' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Result:FAIL');
  });

  it('does not gate an explicit --json export on CI=true alone, but does with --ci', async () => {
    const cwd = await workDir();
    const exportOnly = await cli(['--json', join(cwd, 'out.json'), `docker-archive:${wasteful}`], { cwd, env: { CI: 'true' } });
    expect(exportOnly.code).toBe(0);
    expect(exportOnly.stdout).toBe('');
    const gated = await cli(['--ci', '--json', join(cwd, 'out.json'), `docker-archive:${wasteful}`], { cwd, env: { CI: 'true' } });
    expect(gated.code).toBe(1);
    expect(gated.stdout).toContain('Result:FAIL');
  });

  // dive 0.13.1 on the same image (run by hand, default rules): "userWastedPercent: +Inf %" and
  // "FAIL: highestUserWastedPercent: … (%-user-wasted-bytes=+Inf > threshold=0.1)": 80 bytes wasted by a
  // layer that adds none. layerscope said 0 and passed.
  it('a layer that only deletes: userWastedPercent +Inf, and highestUserWastedPercent fails as in dive', async () => {
    const cwd = await workDir();
    const archive = join(cwd, 'rm-only.tar');
    // x/f (50 B) and g (30 B), both deleted by the next layer, which adds no bytes.
    const written = { x: 50, g: 30 };
    const paths = { x: 'x/f', g: 'g' } as const;
    const spec: ImageSpec = {
      layers: [
        { command: 'ADD', entries: (['x', 'g'] as const).map((k) => ({ path: paths[k], size: written[k] })) },
        { command: 'RUN rm', entries: Object.values(paths).map((path) => ({ path, type: 'whiteout' as const })) },
      ],
    };
    await writeFile(archive, writeImageArchive(spec, 'docker-legacy'));
    const run = await cli(['--ci', archive], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  userWastedPercent: +Inf %\n');
    expect(run.stdout).toContain(
      '  FAIL: highestUserWastedPercent: too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=+Inf > threshold=0.1)\n',
    );
    // JSON has no infinity: null, in the export and in the CI report.
    const json = await cli(['--json', '-', archive], { cwd });
    expect(JSON.parse(json.stdout).image.userWastedPercent).toBeNull();
  });

  it('reads a .dive-ci from the working directory; flags override it', async () => {
    const cwd = await workDir();
    await writeFile(
      join(cwd, '.dive-ci'),
      'rules:\n  lowest-efficiency: 0.4\n  highest-wasted-bytes: 30kB\n  highestUserWastedPercent: off\n',
    );
    const relaxed = await cli(['--ci', `docker-archive:${wasteful}`], { cwd });
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('  SKIP: highestUserWastedPercent: rule disabled\n');
    const strict = await cli(['--ci', `docker-archive:${wasteful}`, '--highestWastedBytes', '20KiB'], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('  FAIL: highestWastedBytes: too many bytes wasted (wasted-bytes=22000 > threshold=20480)\n');
  });

  it('exits 2 on an invalid config, naming every problem, before reading the image', async () => {
    const cwd = await workDir();
    await writeFile(
      join(cwd, '.layerscope-ci.yaml'),
      'rules:\n  lowestEfficiency: 1.5\n  highestWastedBytes: lots\n  hihgestImageSize: 1GB\n',
    );
    // The image does not exist either: the config must be reported, not the image.
    const run = await cli(['--ci', `docker-archive:${join(dir, 'absent.tar')}`, '--ci-format', 'yaml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^layerscope: invalid CI configuration \(4 problems\): /);
    for (const part of [
      'lowestEfficiency: 1.5 is out of range',
      "highestWastedBytes: 'lots' is not a byte size",
      "unknown rule 'hihgestImageSize' (did you mean highestImageSize?)",
      "--ci-format: 'yaml'",
    ])
      expect(lines[0]).toContain(part);
    expect(lines[1]).toMatch(/^ {2}hint: /);
  });

  it('exits 2 with one line and a hint when the image is missing', async () => {
    const run = await cli(['--ci', `docker-archive:${join(dir, 'absent.tar')}`], { cwd: await workDir() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^layerscope: .*\n {2}hint: .*\n$/);
    noStack(run.stderr);
  });

  it('writes a JUnit report that parses, and keeps the text report on stdout', async () => {
    const cwd = await workDir();
    const run = await cli(['--ci', `docker-archive:${wasteful}`, '--ci-report', 'reports.xml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Result:FAIL');
    const xml = await readFile(join(cwd, 'reports.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).testsuites.testsuite;
    expect(suite).toMatchObject({ tests: '10', failures: '2', skipped: '7' });
    const failed = suite.testcase.filter((t: { failure?: unknown }) => t.failure).map((t: { name: string }) => t.name);
    expect(failed).toEqual(['highestUserWastedPercent', 'lowestEfficiency']);
  });

  it('prints JSON on stdout with --ci-format json, and appends markdown to $GITHUB_STEP_SUMMARY', async () => {
    const cwd = await workDir();
    const summary = join(cwd, 'step-summary.md');
    await writeFile(summary, '');
    const run = await cli(['--ci', `docker-archive:${clean}`, '--ci-format', 'json'], { cwd, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ schemaVersion: 2, report: 'ci', result: 'pass', analysis: { efficiency: 1, wastedBytes: 0 } });
    expect(await readFile(summary, 'utf8')).toMatch(/^### layerscope CI: ✅ PASS/);
  });

  it('a $GITHUB_STEP_SUMMARY it cannot append to: one error line with the reason, exit 2, as diff', async () => {
    const cwd = await workDir();
    const run = await cli(['--ci', `docker-archive:${clean}`], { cwd, env: { GITHUB_STEP_SUMMARY: cwd } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `layerscope: cannot write the GitHub step summary to ${cwd}: EISDIR\n  hint: check that the directory exists and is writable\n`,
    );
  });
});

const haveDocker = dockerAvailable();
const busybox = '/bin/busybox';

describe.skipIf(!requireOrSkip('docker daemon and /bin/busybox', haveDocker && existsSync(busybox)))(
  'layerscope --ci on an image built by the daemon',
  () => {
    const tag = `lsfix-ci-gate:${process.pid}`;
    let saved: string;

    const docker = (args: string[], cwd = dir) => runCommand('docker', args, { cwd, env: { ...process.env, DOCKER_BUILDKIT: '0' } });

    beforeAll(async () => {
      const context = await mkdtemp(join(dir, 'build-'));
      await copyFile(busybox, join(context, 'busybox'));
      // 512 KiB written by one step and deleted by the next: waste dive counts, and honest waste "deleted".
      await writeFile(
        join(context, 'Dockerfile'),
        [
          'FROM scratch',
          'COPY busybox /bin/busybox',
          'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox mkdir -p /data && /bin/busybox dd if=/dev/zero of=/data/blob bs=1024 count=512"]',
          'RUN ["/bin/busybox", "rm", "/data/blob"]',
          '',
        ].join('\n'),
      );
      const build = await docker(['build', '-q', '-t', tag, context]);
      if (build.code !== 0) throw new Error(`docker build failed: ${build.stderr}`);
      saved = join(dir, 'daemon-image.tar');
      const save = await docker(['save', '-o', saved, tag]);
      if (save.code !== 0) throw new Error(`docker save failed: ${save.stderr}`);
    }, 180_000);

    afterAll(async () => {
      await docker(['rmi', '-f', tag]);
    });

    it('fails the wasteful image from its docker save archive, with the deleted bytes as honest waste', async () => {
      const run = await cli(['--ci', `docker-archive:${saved}`, '--ci-format', 'json'], { cwd: await workDir() });
      expect(run.stderr).not.toContain('layerscope:');
      expect(run.code).toBe(1);
      const doc = JSON.parse(run.stdout);
      expect(doc.image.layerCount).toBe(3);
      expect(doc.analysis.deletedBytes).toBe(512 * 1024);
      expect(doc.analysis.wastedBytes).toBe(512 * 1024);
      expect(doc.rules.find((r: { rule: string }) => r.rule === 'highestUserWastedPercent').status).toBe('fail');
    });

    it('reads the same image straight from the daemon by name', async () => {
      const run = await cli(
        ['--ci', tag, '--highestUserWastedPercent', 'off', '--lowestEfficiency', '0.1', '--highestHonestWastedBytes', '500KiB'],
        { cwd: await workDir() },
      );
      expect(run.stderr).not.toContain('layerscope:');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        '  FAIL: highestHonestWastedBytes: too many bytes written that the final image does not show (honest-wasted-bytes=524288 > threshold=512000)\n',
      );
      const pass = await cli(['--ci', tag, '--highestUserWastedPercent', 'off', '--lowestEfficiency', '0.1'], { cwd: await workDir() });
      expect(pass.code).toBe(0);
    });
  },
);
