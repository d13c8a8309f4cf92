// What the built CLI loads for a command, recorded by a module loader hook in the real process: a
// command that draws nothing loads no Ink (its chunk is 830 kB to compile: shell completion answered
// each TAB in 0.24 s with it, 0.15 s without), and `--json` takes its path in few chunks (Node 20 takes
// ~0.8 ms to load each one; src/cli/main.ts says why its commands are imported with it, and
// scripts/rechunk.mjs why esbuild's chunks are grouped again).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { BIN, ROOT, runCommand } from '../helpers/run-cli.js';
import { SAMPLE } from '../unit/io/sample-spec.js';
import { cliBuilt } from './daemon-support/cli.js';

const ready = requireOrSkip('the built CLI', cliBuilt());
const BUNDLE = join(ROOT, 'dist/bundle');

/** The bundle file that holds Ink (esbuild names each bundled file in a comment). */
const inkChunk = (): string => {
  const files = readdirSync(BUNDLE).filter((f) => f.endsWith('.js'));
  const ink = files.filter((f) => /^\/\/ node_modules\/ink\/build\/ink\.js$/m.test(readFileSync(join(BUNDLE, f), 'utf8')));
  expect(ink).toHaveLength(1);
  return ink[0]!;
};

describe.skipIf(!ready)('what a command loads', () => {
  let dir = '';
  let archive = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-loads-'));
    archive = join(dir, 'image.tar');
    writeFileSync(archive, writeImageArchive(SAMPLE, 'docker-legacy'));
    // Loader hooks run on a thread of their own in Node 20: each load is appended to the file named.
    writeFileSync(
      join(dir, 'hooks.mjs'),
      "import { appendFileSync } from 'node:fs';\n" +
        'export async function load(url, context, next) {\n' +
        '  appendFileSync(process.env.LOADS_FILE, `${url}\\n`);\n' +
        '  return next(url, context);\n' +
        '}\n',
    );
    // Node's built-ins, required or imported, are in its own list of what it loaded: written at exit.
    writeFileSync(
      join(dir, 'register.mjs'),
      "import { appendFileSync } from 'node:fs';\nimport { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n" +
        "process.on('exit', () => appendFileSync(process.env.LOADS_FILE, process.moduleLoadList.map((m) => `${m}\\n`).join('')));\n",
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The lines the loads file has once the command ran: its module URLs, then Node's module list. */
  async function loads(name: string, ...args: string[]): Promise<string[]> {
    const log = join(dir, `${name}.loads`);
    writeFileSync(log, '');
    const run = await runCommand(process.execPath, ['--import', join(dir, 'register.mjs'), BIN, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), LOADS_FILE: log },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return readFileSync(log, 'utf8').split('\n');
  }

  /** The bundle files the command loaded, by name. */
  async function bundleFilesLoaded(name: string, ...args: string[]): Promise<string[]> {
    return (await loads(name, ...args))
      .filter((url) => url.startsWith('file://') && url.includes('/dist/bundle/'))
      .map((url) => url.slice(url.lastIndexOf('/') + 1));
  }

  /** Which of `builtins` Node loaded for the command. */
  const builtinsLoaded = async (builtins: readonly string[], name: string, ...args: string[]): Promise<string[]> => {
    const list = new Set(await loads(name, ...args));
    return builtins.filter((b) => list.has(`NativeModule ${b}`));
  };

  it('shell completion, `help keys` and `completion` load no Ink', async () => {
    const ink = inkChunk();
    for (const [name, args] of [
      ['complete', ['__complete', 'bash', '--', '--js']],
      ['help-keys', ['help', 'keys']],
      ['completion', ['completion', 'bash']],
    ] as const) {
      const loaded = await bundleFilesLoaded(name, ...args);
      expect(loaded, name).toContain('entry.js'); // the hook saw the bundle
      expect(loaded, name).not.toContain(ink);
    }
  });

  it("`--json` loads no Ink, and its path is at most 10 bundle files (20 in esbuild's chunks alone, 41 when its commands were loaded on demand)", async () => {
    const loaded = await bundleFilesLoaded('json', '--json', join(dir, 'out.json'), archive);
    expect(loaded).toContain('entry.js');
    expect(loaded).not.toContain(inkChunk());
    expect(loaded.length).toBeLessThanOrEqual(10);
  });

  // src/io/required-on-use.ts: loaded when first used, not with the main chunk (~3 ms of tiny `--json`).
  it('a `--json` read of a plain tar loads no zlib or tty; a gzip one loads zlib', async () => {
    const asked = ['zlib', 'tty'];
    expect(await builtinsLoaded(asked, 'plain', '--json', join(dir, 'plain.json'), archive)).toEqual([]);
    const gzipped = join(dir, 'gzip.tar');
    writeFileSync(gzipped, writeImageArchive(SAMPLE, 'oci-archive', { compression: 'gzip' }));
    // --no-cache: the same layers, cached by the read above, would not be decompressed.
    expect(await builtinsLoaded(asked, 'gzip', '--no-cache', '--json', join(dir, 'gzip.json'), gzipped)).toEqual(['zlib']);
  });
});
