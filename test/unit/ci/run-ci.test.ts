import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { ciRequested, prepareCi, registerCiOptions, runCi, wantsColor } from '../../../src/cli/ci/index.js';
import { LayerscopeError } from '../../../src/core/errors.js';
import { analysisOf, imageOf, wastefulAnalysis } from './fixtures.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { stream, text: () => text };
}

async function runIn(
  cwd: string,
  opts: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
  analysis = analysisOf({ efficiency: 0.95 }),
  isTTY = false,
) {
  const out = capture();
  const code = await runCi({ image: imageOf(2), analysis, opts, env, cwd, stdout: out.stream, isTTY });
  return { code, stdout: out.text() };
}

const tempDir = () => mkdtemp(join(tmpdir(), 'ls-runci-'));

describe('runCi', () => {
  it('exits 0 when every rule passes, 1 when one fails', async () => {
    const cwd = await tempDir();
    const pass = await runIn(cwd, {});
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/Result:PASS/);
    const fail = await runIn(cwd, {}, {}, wastefulAnalysis());
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/Result:FAIL/);
  });

  it('throws config errors (exit 2 in the CLI) when not prepared beforehand', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, '.dive-ci'), 'rules:\n  lowestEfficiency: 7\n');
    const err = await runIn(cwd, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LayerscopeError);
    expect((err as LayerscopeError).kind).toBe('config');
  });

  it('uses a prepared config as given', async () => {
    const cwd = await tempDir();
    const prepared = await prepareCi({ lowestEfficiency: '0.99' }, {}, cwd);
    const out = capture();
    const code = await runCi({
      image: imageOf(),
      analysis: analysisOf({ efficiency: 0.95 }),
      prepared,
      opts: {},
      env: {},
      cwd,
      stdout: out.stream,
      isTTY: false,
    });
    expect(code).toBe(1);
  });

  it('prints the chosen format on stdout when there is no report file', async () => {
    const cwd = await tempDir();
    const { stdout } = await runIn(cwd, { ciFormat: 'json' });
    expect(JSON.parse(stdout).result).toBe('pass');
  });

  it('writes --ci-report in its format and keeps the text report on stdout', async () => {
    const cwd = await tempDir();
    const { code, stdout } = await runIn(cwd, { ciReport: 'report.xml' }, {}, wastefulAnalysis());
    expect(code).toBe(1);
    expect(stdout).toMatch(/^Image: /);
    const xml = await readFile(join(cwd, 'report.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<failure message="image efficiency is too low');
  });

  it('appends the markdown report to $GITHUB_STEP_SUMMARY', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'summary.md'), '# earlier step\n');
    await runIn(cwd, {}, { GITHUB_STEP_SUMMARY: join(cwd, 'summary.md') });
    const summary = await readFile(join(cwd, 'summary.md'), 'utf8');
    expect(summary.startsWith('# earlier step\n### layerscope CI: ✅ PASS')).toBe(true);
  });

  it('colours a terminal only', async () => {
    const cwd = await tempDir();
    expect((await runIn(cwd, {}, {}, undefined, false)).stdout).not.toContain('\u001b[');
    expect((await runIn(cwd, {}, {}, undefined, true)).stdout).toContain('\u001b[');
    expect((await runIn(cwd, { ciFormat: 'json' }, {}, undefined, true)).stdout).not.toContain('\u001b[');
  });
});

describe('wantsColor', () => {
  it.each([
    [true, {}, {}, true],
    [false, {}, {}, false],
    [true, { color: false }, {}, false],
    [true, {}, { NO_COLOR: '1' }, false],
    [true, {}, { NO_COLOR: '' }, true],
    [true, {}, { TERM: 'dumb' }, false],
  ])('tty=%s opts=%j env=%j → %s', (tty, opts, env, expected) => expect(wantsColor(tty, opts, env)).toBe(expected));
});

describe('ciRequested', () => {
  it.each([
    [{ ci: true }, {}, true],
    [{}, { CI: 'true' }, true],
    [{}, { CI: 'TRUE' }, true],
    [{}, { CI: '1' }, true],
    [{}, { CI: 'yes' }, true],
    [{}, { CI: 'Yes' }, true],
    [{}, { CI: 'false' }, false],
    [{}, { CI: '0' }, false],
    [{}, {}, false],
    [{}, { CI: '' }, false],
    [{ ci: false }, { CI: 'true' }, false],
  ])('opts=%j env=%j → %s', (opts, env, expected) => expect(ciRequested(opts, env)).toBe(expected));
});

describe('registerCiOptions', () => {
  const parse = (...args: string[]) => registerCiOptions(new Command().exitOverride()).parse(args, { from: 'user' }).opts();

  it("takes dive's camelCase flags and their kebab-case forms", () => {
    expect(parse('--ci', '--lowestEfficiency', '0.8', '--highest-wasted-bytes', '20MB', '--highestHonestWastedBytes=1GB')).toMatchObject({
      ci: true,
      lowestEfficiency: '0.8',
      highestWastedBytes: '20MB',
      highestHonestWastedBytes: '1GB',
    });
  });

  it('takes the report options and --no-ci', () => {
    expect(parse('--ci-config', 'x.yaml', '--ci-format', 'junit', '--ci-report', 'r.xml', '--no-ci')).toMatchObject({
      ciConfig: 'x.yaml',
      ciFormat: 'junit',
      ciReport: 'r.xml',
      ci: false,
    });
  });

  it('keeps --help short: kebab aliases hidden', () => {
    const help = registerCiOptions(new Command()).helpInformation();
    expect(help).toContain('--lowestEfficiency');
    expect(help).not.toContain('--lowest-efficiency');
  });
});
