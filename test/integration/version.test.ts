// `--version` and `-v` from the built CLI print package.json's version: the bundle carries it as a constant
// (scripts/bundle.mjs), so a build that forgot to write it, or wrote another, shows here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  // Node makes process.stdout, and loads its stream modules, on first use: `--version` writes to the
  // descriptor and uses neither (start-up, issue 14). A CommonJS preload sees which modules were loaded
  // (an ES module preload would load the stream modules itself, through its import of node:fs).
  it('answers without making a stream: no stream module is loaded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ls-version-'));
    try {
      const probe = join(dir, 'probe.cjs');
      writeFileSync(
        probe,
        "process.on('exit', () => process._rawDebug('stream: ' + process.moduleLoadList.includes('NativeModule stream')));\n",
      );
      const run = await runCommand(process.execPath, ['-r', probe, BIN, '--version']);
      expect(run.stdout).toBe(`${pkg.version}\n`);
      expect(run.stderr).toBe('stream: false\n');
      // The probe can tell: the full command line does load them.
      expect((await runCommand(process.execPath, ['-r', probe, BIN, '--help'])).stderr).toContain('stream: true');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundle carries the version as a constant, not a read of package.json', () => {
    const entry = readFileSync(new URL('../../dist/bundle/entry.js', import.meta.url), 'utf8');
    expect(entry).toContain(JSON.stringify(pkg.version));
    expect(entry).not.toMatch(/package\.json/);
  });
});
