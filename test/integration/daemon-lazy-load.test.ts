// dockerode is loaded only by runs that talk to a daemon through it (ssh, TLS, image lists, pulls): never
// by --version, the demo, an archive, or a read from a local socket (raw-inspect.ts, raw-export.ts). Checked in the real CLI process: a loader hook
// writes down the modules it loads.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { BIN, runCommand } from '../helpers/run-cli.js';
import { writeDockerSave } from '../../src/io/archive-writer/docker-save-writer.js';
import { cliBuilt } from './daemon-support/cli.js';

const available = requireOrSkip('the built CLI (npm run build)', cliBuilt());

// A loader hook (in the real CLI process) writes down every module URL it loads. dockerode counts as loaded
// when one of its files is (unbundled), or a bundle chunk that holds it is (esbuild names every bundled
// file in a comment): bin/ runs the bundle, where dockerode is no longer a file of its own.
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LAYERSCOPE_TEST_LOADED, url + '\\n');
  return next(url, context);
}
`;
const PRELOAD = `
import { register } from 'node:module';
import { writeFileSync } from 'node:fs';
writeFileSync(process.env.LAYERSCOPE_TEST_LOADED, '');
register(new URL('./hooks.mjs', import.meta.url));
`;
const holdsDockerode = (url: string): boolean =>
  /node_modules\/(dockerode|docker-modem)\//.test(url) ||
  (url.startsWith('file:') &&
    url.includes('/dist/') &&
    readFileSync(fileURLToPath(url), 'utf8').includes('node_modules/dockerode/lib/docker.js'));

describe.skipIf(!available)('start-up loads dockerode only for daemon runs', () => {
  let dir: string;
  let preload: string;
  let archive: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-lazy-'));
    preload = join(dir, 'report-loaded.mjs');
    writeFileSync(preload, PRELOAD);
    writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
    archive = join(dir, 'small.tar');
    writeFileSync(
      archive,
      writeDockerSave({ layers: [{ command: 'ADD a /', entries: [{ path: 'a', content: 'a\n' }] }], repoTags: ['small:1'] }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** How many loaded modules held dockerode when the CLI exited, and its exit code. */
  async function dockerodeFilesLoaded(args: readonly string[]): Promise<{ files: number; code: number | null }> {
    const report = join(dir, `loaded-${Math.random().toString(36).slice(2)}`);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', LAYERSCOPE_TEST_LOADED: report };
    const { code } = await runCommand(process.execPath, ['--import', preload, BIN, ...args], { env, cwd: dir });
    return {
      files: readFileSync(report, 'utf8')
        .split('\n')
        .filter((url) => url && holdsDockerode(url)).length,
      code,
    };
  }

  it.each([
    ['--version', ['--version']],
    ['the demo', ['--json', '-', 'demo']],
    ['an archive', ['--json', '-', 'small.tar']],
  ])('not for %s', async (_, args) => {
    expect(await dockerodeFilesLoaded(args)).toEqual({ files: 0, code: 0 });
  });

  it('not for a read from a local socket', async () => {
    const run = await dockerodeFilesLoaded(['-H', `unix://${join(dir, 'absent.sock')}`, '--json', '-', 'busybox:latest']);
    expect(run).toEqual({ files: 0, code: 2 }); // the daemon is not there: the inspect was tried off the socket
  });

  it('for a daemon run over ssh (the check itself sees dockerode when it is loaded)', async () => {
    const run = await dockerodeFilesLoaded(['-H', 'ssh://nobody@127.0.0.1:1', '--json', '-', 'busybox:latest']);
    expect(run.code).toBe(2); // no ssh server there: the client was loaded and tried
    expect(run.files).toBeGreaterThan(0);
  });
});
