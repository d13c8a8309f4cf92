// An archive whose layer tar does not hash to the config's diff_id, through the BUILT CLI (`--json -`):
// `docker load` refuses it ("invalid diffID for layer 1: expected …, got …"), and layerscope says so in
// the model's warnings, on a first read and on a second read with the same layer cache, from a file and
// from standard input, in each shape of `docker save` and podman's. An archive that agrees: no warning.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive, type ArchiveFormat } from '../../src/io/archive-writer/write-image-archive.js';
import { cli } from '../helpers/run-cli.js';

const CLAIMED = `sha256:${'e'.repeat(64)}`;
// What Docker 20.10's `docker load` of these archives said the second layer's tar hashes to ("got …").
const ACTUAL = 'sha256:80c7cc48377d12032e56c7aa58c82bccd202bdd67d0ca1b7f9264c1170d6b828';
const HASHED = `layer 2: its tar hashes to ${ACTUAL}, not to the config's diff_id ${CLAIMED}; docker load would refuse this image`;
// A stream's second read takes the layer from the cache by its member's name and does not read it.
const NAMED =
  `layer 2: its member's name gives ${ACTUAL}, not the config's diff_id ${CLAIMED}; shown are the files the ` +
  'layer cache has for that name, not read from the member (--no-cache reads them)';

const spec = (diffId?: string): ImageSpec => ({
  repoTags: ['hostile:1'],
  layers: [
    { command: 'ADD a', entries: [{ path: 'a', content: 'one' }] },
    { command: 'ADD b', entries: [{ path: 'b', content: 'two' }], ...(diffId ? { diffId } : {}) },
  ],
});

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-diffid-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The warnings and layer-2 files of two reads of `archive` with one layer cache, from a file or stdin. */
async function twice(archive: Buffer, from: 'file' | 'stdin'): Promise<{ warnings: string[]; files: string[] }[]> {
  const cache = await mkdtemp(join(dir, 'cache-'));
  const path = join(cache, 'image.tar');
  await writeFile(path, archive);
  const reads = [];
  for (let i = 0; i < 2; i++) {
    const run = await cli(['--json', '-', '--json-files', from === 'file' ? path : '-'], {
      env: { XDG_CACHE_HOME: cache },
      ...(from === 'stdin' ? { stdin: archive } : {}),
    });
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { warnings: string[]; layer: { files: { path: string }[] }[] };
    // The CLI prints each warning on stderr as well.
    expect(run.stderr).toBe(doc.warnings.map((w) => `layerscope: warning: ${w}\n`).join(''));
    reads.push({ warnings: doc.warnings, files: doc.layer[1]!.files.map((f) => f.path) });
  }
  return reads;
}

describe('a layer whose tar is not the config diff_id', () => {
  // [shape, member names, what a second read from stdin says]
  const shapes: [ArchiveFormat, string, string][] = [
    // blobs/sha256/<sha256 of the bytes>: stored under that name by the first read, found by it next time.
    ['docker-oci', 'Docker >= 25', NAMED],
    // <v1 id>/layer.tar: the cache learnt the diff id of that v1 id when the first read hashed it.
    ['docker-legacy', 'Docker <= 24', NAMED],
    // <config's diff id>.tar: never stored under that name (its bytes hash otherwise), so hashed again.
    ['podman', 'podman', HASHED],
  ];

  it.each(shapes)('%s (%s): a warning on the first and on the second read', async (format, _names, second) => {
    const archive = writeImageArchive(spec(CLAIMED), format);
    const fromFile = await twice(archive, 'file');
    expect(fromFile).toEqual([
      { warnings: [HASHED], files: ['/b'] },
      { warnings: [HASHED], files: ['/b'] },
    ]);
    const fromStdin = await twice(archive, 'stdin');
    expect(fromStdin).toEqual([
      { warnings: [HASHED], files: ['/b'] },
      { warnings: [second], files: ['/b'] },
    ]);
  });

  it.each(shapes)('%s (%s): nothing when the layers agree with the config', async (format) => {
    const archive = writeImageArchive(spec(), format);
    for (const from of ['file', 'stdin'] as const) {
      expect(await twice(archive, from)).toEqual([
        { warnings: [], files: ['/b'] },
        { warnings: [], files: ['/b'] },
      ]);
    }
  });

  it('--no-cache hashes nothing and says nothing', async () => {
    const run = await cli(['--no-cache', '--json', '-', '-'], { stdin: writeImageArchive(spec(CLAIMED), 'docker-oci') });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).warnings).toEqual([]);
  });
});
