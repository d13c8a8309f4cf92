// An unchanged image read again from the daemon is not exported: the layer cache holds its config, every
// layer's entries and what its export named. Whether the daemon exported is asked of the daemon itself:
// every export is an image `save` event (`docker events`, over the time of one read), and the test sees
// one for a `--no-cache` read first, so a missing event means no export, not a blind eye. The output is
// compared with a `--no-cache` read of the same image (the export's own answer), tags included after a
// retag. Any part missing or not matching (a record kept for another engine build, a changed config
// file) and the read exports as before.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { BIN, runCommand, type CliRun } from '../helpers/run-cli.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';
import { cliBuilt } from './daemon-support/cli.js';
import { contentSetup } from '../../src/cli/commands/layer-store-setup.js';
import { readFromDaemon, resolveDockerEndpoint } from '../../src/io/daemon/index.js';
import { run } from './daemon-support/commands.js';
import { exportsDuring } from './daemon-support/save-events.js';

const ready = requireOrSkip('a Docker daemon and the built CLI', dockerAvailable() && cliBuilt());

const DEBUG_LINE = /layer cache: (\d+) layers parsed, (\d+) from the cache/;

describe.skipIf(!ready)('an unchanged daemon image is read from the layer cache, not exported', { timeout: 300_000 }, () => {
  let dir = '';
  let imageId = '';
  const tag = `ls-recall-${process.pid}:1`;
  const retag = `ls-recall-${process.pid}:again`;

  const env = (cache: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    DOCKER_CONFIG: '/nonexistent',
    XDG_CACHE_HOME: cache,
  });
  /** The CLI with `args`, and the exports of the image meanwhile. */
  const exporting = async (cache: string, args: string[]): Promise<{ run: CliRun; exported: string[] }> => {
    const { result, exported } = await exportsDuring(imageId, () => runCommand(process.execPath, [BIN, ...args], { env: env(cache) }));
    expect(result.code, result.stderr).toBe(0);
    return { run: result, exported };
  };
  /** `--json - --json-files` of the image. */
  const read = (cache: string, ...flags: string[]) => exporting(cache, [...flags, '--json', '-', '--json-files', `docker:${tag}`]);
  const counts = (r: CliRun): number[] => DEBUG_LINE.exec(r.stderr)!.slice(1).map(Number);
  let n = 0;
  const freshCache = (): string => join(dir, `cache-${n++}`);
  const hexOf = (id: string): string => id.replace('sha256:', '');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ls-recall-'));
    await buildBusyboxImage(tag, ['echo one > /one', 'echo two > /two']);
    imageId = (await run('docker', ['image', 'inspect', '--format', '{{.Id}}', tag])).stdout.trim();
  });
  afterAll(async () => {
    await removeImages([tag, retag]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exports once, then reads the same image again without an export, to the same output', async () => {
    const reference = await read(freshCache(), '--no-cache');
    // The observation works: a read that must export is seen exporting this image.
    expect(reference.exported).toEqual([imageId]);
    const cache = freshCache();
    const cold = await read(cache, '--debug');
    expect(cold.exported).toEqual([imageId]);
    expect(counts(cold.run)).toEqual([4, 0]);
    const warm = await read(cache, '--debug');
    expect(warm.exported).toEqual([]);
    expect(counts(warm.run)).toEqual([0, 4]);
    expect(warm.run.stderr).toContain('from the cache; the image not exported');
    expect(cold.run.stderr).not.toContain('not exported');
    expect(warm.run.stdout).toBe(reference.run.stdout);
  });

  // cat keeps the layers' tars in the store as it reads: once they are there, it needs no export either.
  it('cat exports once to keep the layers, then reads the file from the store without an export', async () => {
    const cache = freshCache();
    const first = await exporting(cache, ['cat', `docker:${tag}`, '/two']);
    expect(first.exported).toEqual([imageId]);
    expect(first.run.stdout).toBe('two\n');
    const again = await exporting(cache, ['cat', `docker:${tag}`, '/two']);
    expect(again.exported).toEqual([]);
    expect(again.run.stdout).toBe('two\n');
  });

  // A read that keeps the layers' bytes (the explorer's --keep-layers: the image may be gone from the
  // daemon by the time a file is viewed) is not answered by parses alone: it exports until they are stored.
  it('a read that keeps layers exports while they are not stored, even with every parse cached', async () => {
    const cache = freshCache();
    await read(cache);
    const setup = contentSetup({ XDG_CACHE_HOME: cache }, {});
    const endpoint = await resolveDockerEndpoint({ env: { DOCKER_CONFIG: '/nonexistent' }, home: '/nonexistent' });
    const keeping = () => readFromDaemon(tag, endpoint, { engine: 'docker', ...setup.readOptions });
    const first = await exportsDuring(imageId, keeping);
    expect(first.exported).toEqual([imageId]);
    for (const layer of first.result.layers) expect(await setup.store!.has(layer.diffId)).toBe(true);
    expect((await exportsDuring(imageId, keeping)).exported).toEqual([]);
  });

  it('shows the tags the daemon has now, as an export would', async () => {
    const cache = freshCache();
    await read(cache);
    await run('docker', ['tag', tag, retag]);
    const warm = await read(cache);
    expect(warm.exported).toEqual([]);
    const reference = await read(freshCache(), '--no-cache');
    expect(warm.run.stdout).toBe(reference.run.stdout);
    expect(warm.run.stdout).toContain(retag);
  });

  it('exports again when the record was kept for another engine build or the kept config changed', async () => {
    const cache = freshCache();
    const cold = await read(cache);
    const record = join(cache, 'layerscope', 'entries', 'export', hexOf(imageId));
    const config = join(cache, 'layerscope', 'entries', 'config', hexOf(imageId));
    expect(existsSync(record) && existsSync(config)).toBe(true);
    const kept = JSON.parse(readFileSync(record, 'utf8')) as { engine: string };
    writeFileSync(record, JSON.stringify({ ...kept, engine: 'Docker/0.0.1 (linux); api 1.0; libpod api ' }));
    const otherBuild = await read(cache);
    expect(otherBuild.exported).toEqual([imageId]);
    expect(otherBuild.run.stdout).toBe(cold.run.stdout);
    // That export kept a record for this build again: the next read needs none.
    expect((await read(cache)).exported).toEqual([]);
    const bytes = readFileSync(config);
    const at = bytes.indexOf('"architecture"') + 2;
    bytes[at] = bytes[at]! ^ 0x20; // one letter's case: still JSON, another digest
    writeFileSync(config, bytes);
    const changed = await read(cache);
    expect(changed.exported).toEqual([imageId]);
    expect(changed.run.stdout).toBe(cold.run.stdout);
  });
});
