// dockerode (with grpc-js and ssh2 under it, about 110 ms of start-up) is loaded only by runs that talk
// to a daemon: never by --version, the demo or an archive. Checked in the real CLI process: a preload
// reports at exit whether dockerode's files are in the module cache.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { BIN, runCommand } from '../helpers/run-cli.js';
import { writeDockerSave } from '../../src/io/build/docker-save-writer.js';
import { cliBuilt } from './daemon-support/cli.js';

const available = requireOrSkip('the built CLI (npm run build)', cliBuilt());

// CommonJS modules imported from ESM are in require.cache too (Node 20+).
const PRELOAD = `
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/(dockerode|docker-modem)\\//.test(f));
  writeFileSync(process.env.LAYERSCOPE_TEST_LOADED, String(loaded.length));
});
`;

describe.skipIf(!available)('start-up loads dockerode only for daemon runs', () => {
  let dir: string;
  let preload: string;
  let archive: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-lazy-'));
    preload = join(dir, 'report-loaded.cjs');
    writeFileSync(preload, PRELOAD);
    archive = join(dir, 'small.tar');
    writeFileSync(archive, writeDockerSave({ layers: [{ command: 'ADD a /', entries: [{ path: 'a', content: 'a\n' }] }], repoTags: ['small:1'] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** How many dockerode/docker-modem files the CLI had loaded when it exited, and its exit code. */
  async function dockerodeFilesLoaded(args: readonly string[]): Promise<{ files: number; code: number | null }> {
    const report = join(dir, `loaded-${Math.random().toString(36).slice(2)}`);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', LAYERSCOPE_TEST_LOADED: report };
    const { code } = await runCommand(process.execPath, ['--require', preload, BIN, ...args], { env, cwd: dir });
    return { files: Number(readFileSync(report, 'utf8')), code };
  }

  it.each([
    ['--version', ['--version']],
    ['the demo', ['--json', '-', 'demo']],
    ['an archive', ['--json', '-', 'small.tar']],
  ])('not for %s', async (_, args) => {
    expect(await dockerodeFilesLoaded(args)).toEqual({ files: 0, code: 0 });
  });

  it('for a daemon run (the check itself sees dockerode when it is loaded)', async () => {
    const run = await dockerodeFilesLoaded(['-H', `unix://${join(dir, 'absent.sock')}`, '--json', '-', 'busybox:latest']);
    expect(run.code).toBe(2); // the daemon is not there: the client was loaded and tried
    expect(run.files).toBeGreaterThan(0);
  });
});
