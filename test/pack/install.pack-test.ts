// The npm package as a user gets it: `npm pack`, installed with `npm i -g` into an empty prefix, runs
// the demo through --json and --ci (the explorer needs a terminal) and ships no test fixtures.
// Run by `npm run test:pack` and .ci/run, not `npm test` (the install alone takes 15-45 s here). It packs
// the dist/ that test:pack has just built: --ignore-scripts skips prepack's clean and prepare's rebuild.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { ROOT, cli, runCommand } from '../helpers/run-cli.js';
import { cliBuilt } from '../integration/daemon-support/cli.js';

const available = requireOrSkip('the built CLI (npm run build)', cliBuilt());
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
};

describe.skipIf(!available)('the npm package, installed into an empty prefix', () => {
  let work: string;
  let prefix: string;
  let files: string[];
  const installed = (): string => join(prefix, 'bin', 'layerscope');

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'ls-pack-'));
    prefix = join(work, 'prefix');
    const npm = (args: string[]): string => execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const packed = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work])) as [
      { filename: string; files: { path: string }[] },
    ];
    files = packed[0].files.map((f) => f.path);
    // --prefer-offline: the dependencies are in npm's cache after `npm ci`; the registry is asked only for what is not.
    npm(['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(work, packed[0].filename)]);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ships the CLI, the demo writer and no test fixtures, source maps or sources', () => {
    expect(files).toContain('bin/layerscope.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/bundle/entry.js'); // what bin/layerscope.js runs
    expect(files).toContain('dist/io/archive-writer/docker-save-writer.js');
    expect(
      files.filter((f) => /^(src|test|bench|scripts|\.ci)\//.test(f) || f.endsWith('.map') || f.includes('write-image-archive')),
    ).toEqual([]);
  });

  it('--version', async () => {
    const run = await runCommand(installed(), ['--version'], { cwd: work });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  it('--json - demo: the demo image, exactly as the checkout reads it', async () => {
    const run = await runCommand(installed(), ['--json', '-', 'demo'], { cwd: work });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { generator: string; image: { name: string }; layer: unknown[] };
    expect(report.generator).toBe('layerscope');
    expect(report.image.name).toBe('layerscope-demo:latest');
    expect(run.stdout).toBe((await cli(['--json', '-', 'demo'], { cwd: work })).stdout);
  });

  it('--ci demo: the same verdict and report as the checkout', async () => {
    const run = await runCommand(installed(), ['--ci', 'demo'], { cwd: work, env: { PATH: process.env.PATH } });
    const fromCheckout = await cli(['--ci', 'demo'], { cwd: work });
    expect(run.code).toBe(fromCheckout.code);
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toBe(fromCheckout.stdout);
    expect(run.stdout).toMatch(/efficiency/i);
  });

  it('installs only the runtime dependencies', () => {
    const list = JSON.parse(execFileSync('npm', ['ls', '--global', '--prefix', prefix, '--all', '--json'], { encoding: 'utf8' })) as {
      dependencies: Record<string, { dependencies?: Record<string, unknown> }>;
    };
    const top = Object.keys(list.dependencies[pkg.name]?.dependencies ?? {}).sort();
    expect(top).toEqual(Object.keys(pkg.dependencies).sort());
  });
});
