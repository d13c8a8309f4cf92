// The CLI's `--json` with a layer cache: a layer (or gzip blob) large enough for the worker thread is
// hashed there and kept once the command ends (the process waits for it), so the next run parses
// nothing. The --debug lines count what each side did; expected counts by hand: SAMPLE's 4 layers + 1
// large one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImageArchive } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { BIN, runCommand } from '../helpers/run-cli.js';
import { SAMPLE } from '../unit/io/sample-spec.js';
import { cliBuilt } from './daemon-support/cli.js';

const ready = requireOrSkip('the built CLI', cliBuilt());

// The worker starts for 256 MiB by default (hash-plan.ts): these archives are made with layers of 32 MiB, and
// LAYERSCOPE_HASH_WORKER_MIN=32M lowers it, so that the suite does not write and gzip 256 MiB of noise.
const WORKER_MIN = 32 * 1024 * 1024;
const ENV = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', LAYERSCOPE_HASH_WORKER_MIN: '32M' };

describe.skipIf(!ready)('--json hashes a large layer on a second thread', () => {
  let dir = '';
  let archive = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ls-alongside-cli-'));
    archive = join(dir, 'image.tar');
    const spec = {
      ...SAMPLE,
      layers: [...SAMPLE.layers, { command: 'RUN big', entries: [{ path: 'data/blob', size: WORKER_MIN + 4096 }] }],
    };
    writeFileSync(archive, writeImageArchive(spec, 'docker-legacy'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const read = (cache: string, image = archive, ...flags: string[]) => readWith(ENV, cache, image, ...flags);
  const readWith = (env: Record<string, string>, cache: string, image = archive, ...flags: string[]) =>
    runCommand(process.execPath, [BIN, '--debug', ...flags, '--json', join(dir, 'out.json'), image], {
      env: { ...env, XDG_CACHE_HOME: cache },
    });

  it('cold: 5 parsed, the large one kept from the second thread; warm: none parsed', async () => {
    const cache = join(dir, 'cache');
    const cold = await read(cache);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 5 layers parsed, 0 from the cache$/m);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 1 of 1 layers hashed on a second thread kept$/m);
    const warm = await read(cache);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).toMatch(/^layerscope: debug: layer cache: 0 layers parsed, 5 from the cache$/m);
    expect(warm.stderr).not.toMatch(/second thread/);
  });

  it('an OCI archive with gzip layers: every blob hashed there, kept under its digest; warm: none parsed', async () => {
    const oci = join(dir, 'oci.tar');
    const noisy = {
      ...SAMPLE,
      layers: [...SAMPLE.layers, { command: 'RUN noise', entries: [{ path: 'data/noise', content: randomBytes(WORKER_MIN + 4096) }] }],
    };
    writeFileSync(oci, writeImageArchive(noisy, 'oci-archive', { compression: 'gzip' }));
    const cache = join(dir, 'cache-oci');
    const cold = await read(cache, oci);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 5 layers parsed, 0 from the cache$/m);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 5 of 5 layers hashed on a second thread kept$/m);
    const warm = await read(cache, oci);
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).toMatch(/^layerscope: debug: layer cache: 0 layers parsed, 5 from the cache$/m);
  });

  it('diff: both sides hash on the second thread; a second diff parses nothing', async () => {
    // B shares no layer with A (a shared one is parsed by whichever side comes first).
    const other = join(dir, 'other-oci.tar');
    const spec = {
      ...SAMPLE,
      layers: [
        { command: 'RUN other', entries: [{ path: 'other', content: 'other' }] },
        { command: 'RUN noise', entries: [{ path: 'data/noise', content: randomBytes(WORKER_MIN + 4096) }] },
      ],
    };
    writeFileSync(other, writeImageArchive(spec, 'oci-archive', { compression: 'gzip' }));
    const cache = join(dir, 'cache-diff');
    const diff = () =>
      runCommand(process.execPath, [BIN, 'diff', '--debug', '--json', join(dir, 'diff.json'), archive, other], {
        env: { ...ENV, XDG_CACHE_HOME: cache },
      });
    // A: its large plain layer there, its 4 small ones here; B: both gzip blobs there.
    const cold = await diff();
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 7 layers parsed, 0 from the cache$/m);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 3 of 3 layers hashed on a second thread kept$/m);
    const warm = await diff();
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stderr).toMatch(/^layerscope: debug: layer cache: 0 layers parsed, 7 from the cache$/m);
  });

  it('--no-cache: no second thread', async () => {
    const r = await read(join(dir, 'unused'), archive, '--no-cache');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/second thread/);
  });

  it('by default a layer of 32 MiB is hashed here, not on a second thread, and kept all the same', async () => {
    const { LAYERSCOPE_HASH_WORKER_MIN: _lowered, ...defaults } = ENV;
    const cache = join(dir, 'cache-default');
    const cold = await readWith(defaults, cache);
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stderr).toMatch(/^layerscope: debug: layer cache: 5 layers parsed, 0 from the cache$/m);
    expect(cold.stderr).not.toMatch(/second thread/);
    const warm = await readWith(defaults, cache);
    expect(warm.stderr).toMatch(/^layerscope: debug: layer cache: 0 layers parsed, 5 from the cache$/m);
  });

  it('a LAYERSCOPE_HASH_WORKER_MIN that is not a size is a one-line usage error', async () => {
    const r = await readWith({ ...ENV, LAYERSCOPE_HASH_WORKER_MIN: 'lots' }, join(dir, 'cache-bad'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("layerscope: bad LAYERSCOPE_HASH_WORKER_MIN 'lots'\n  hint: write a size such as 500M, 5G or 0\n");
  });
});
