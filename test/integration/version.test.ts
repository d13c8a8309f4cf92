// `--version` and `-v` from the built CLI print package.json's version: the bundle carries it as a constant
// (scripts/bundle.mjs), so a build that forgot to write it, or wrote another, shows here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { BIN, runCommand } from '../helpers/run-cli.js';
import { cliBuilt } from './daemon-support/cli.js';

const ready = requireOrSkip('the built CLI', cliBuilt());
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe.skipIf(!ready)('layerscope --version', () => {
  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    const run = await runCommand(process.execPath, [BIN, flag]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });

  it('the bundle carries the version as a constant, not a read of package.json', () => {
    const entry = readFileSync(new URL('../../dist/bundle/entry.js', import.meta.url), 'utf8');
    expect(entry).toContain(JSON.stringify(pkg.version));
    expect(entry).not.toMatch(/package\.json/);
  });
});
