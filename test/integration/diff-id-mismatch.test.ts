// An archive whose layer tar does not hash to the config's diff_id, through the BUILT CLI (`--json -`):
// `docker load` refuses it ("invalid diffID for layer 1: expected …, got …"), and layerscope says so in
// the model's warnings, on a first read and on a second read with the same layer cache, from a file and
// from standard input, in each shape of `docker save` and podman's. An archive that agrees: no warning.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerTar, sha256, type ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeTar } from '../../src/io/archive-writer/tar-writer.js';
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

interface Read {
  readonly warnings: string[];
  /** The second layer's files. */
  readonly files: string[];
}

/** One read of `archive` with the layer cache in `cache`, from a file or from standard input. */
async function read(cache: string, archive: Buffer, from: 'file' | 'stdin'): Promise<Read> {
  const path = join(cache, 'image.tar');
  await writeFile(path, archive);
  const run = await cli(['--json', '-', '--json-files', from === 'file' ? path : '-'], {
    env: { XDG_CACHE_HOME: cache },
    ...(from === 'stdin' ? { stdin: archive } : {}),
  });
  expect(run.code, run.stderr).toBe(0);
  const doc = JSON.parse(run.stdout) as { warnings: string[]; layer: { files: { path: string }[] }[] };
  // The CLI prints each warning on stderr as well.
  expect(run.stderr).toBe(doc.warnings.map((w) => `layerscope: warning: ${w}\n`).join(''));
  return { warnings: doc.warnings, files: doc.layer[1]!.files.map((f) => f.path) };
}

const newCache = (): Promise<string> => mkdtemp(join(dir, 'cache-'));

/** Two reads of `archive` with one (new) layer cache. */
async function twice(archive: Buffer, from: 'file' | 'stdin'): Promise<Read[]> {
  const cache = await newCache();
  return [await read(cache, archive, from), await read(cache, archive, from)];
}

describe('a layer whose tar is not the config diff_id', () => {
  // [shape, member names, what a second read from stdin says]
  const shapes: [ArchiveFormat, string, string][] = [
    // blobs/sha256/<sha256 of the bytes>: stored under that name by the first read, found by it next time.
    ['docker-oci', 'Docker >= 25', NAMED],
    // <v1 id>/layer.tar: a v1 id is learnt only for a layer that is its config's diff id, so hashed again.
    ['docker-legacy', 'Docker <= 24', HASHED],
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

describe('a member named for another layer than the one it holds', () => {
  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
  const evil = layerTar({ command: 'ADD evil', entries: [{ path: 'evil', content: 'evil!' }] });
  const EVIL = `sha256:${sha256(evil)}`;
  // Docker >= 25's shape: the second layer's member is named for the genuine layer (ACTUAL, the tar of
  // `spec()`'s second layer), holds other bytes, and the config gives those bytes' diff id.
  const misnamed = (): Buffer => {
    const first = layerTar(spec().layers[0]!);
    const config = json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(first)}`, EVIL] } });
    const layers = [`blobs/sha256/${sha256(first)}`, `blobs/sha256/${ACTUAL.slice('sha256:'.length)}`];
    return writeTar([
      { name: layers[0]!, content: first },
      { name: layers[1]!, content: evil },
      { name: `blobs/sha256/${sha256(config)}`, content: config },
      { name: 'manifest.json', content: json([{ Config: `blobs/sha256/${sha256(config)}`, RepoTags: ['misnamed:1'], Layers: layers }]) },
    ]);
  };
  // Docker 20.10's `docker load` of it (on a daemon without the genuine layer) made an image whose second
  // layer holds /evil: the config, not the member's name, says which bytes the layer is.
  it('a file read shows the bytes it holds, though the cache has the layer its name names', async () => {
    const cache = await newCache();
    await read(cache, writeImageArchive(spec(), 'docker-oci'), 'file');
    expect(await read(cache, misnamed(), 'file')).toEqual({ warnings: [], files: ['/evil'] });
    // A stream cannot be read again once the config says so: the name's layer is shown, with a warning.
    expect(await read(cache, misnamed(), 'stdin')).toEqual({
      warnings: [
        `layer 2: its member's name gives ${ACTUAL}, not the config's diff_id ${EVIL}; shown are the files the ` +
          'layer cache has for that name, not read from the member (--no-cache reads them)',
      ],
      files: ['/b'],
    });
  });

  it('a file read after a stream kept the layer under its name still hashes it, and warns', async () => {
    const cache = await newCache();
    const archive = writeImageArchive(spec(CLAIMED), 'docker-oci');
    expect(await read(cache, archive, 'stdin')).toEqual({ warnings: [HASHED], files: ['/b'] });
    expect(await read(cache, archive, 'file')).toEqual({ warnings: [HASHED], files: ['/b'] });
  });
});

// An audit found the warning on stderr only: a job that reads the report file never learnt it.
describe('the CI reports carry the warning', () => {
  it('json, junit and markdown', async () => {
    const archive = join(dir, 'ci.tar');
    await writeFile(archive, writeImageArchive(spec(CLAIMED), 'docker-oci'));
    const run = (format: string) => cli(['--ci', '--ci-config', '/dev/null', '--ci-format', format, archive]);
    expect(JSON.parse((await run('json')).stdout).warnings).toEqual([HASHED]);
    expect((await run('junit')).stdout).toContain(`<system-err>warning: ${HASHED.replace(/'/g, '&apos;')}</system-err>`);
    expect((await run('markdown')).stdout).toContain(`**Warnings:**\n\n- ${HASHED.replace(/_/g, '\\_')}\n`);
  });
});

// An audit found a tampered Docker <= 24 archive read from a stream teaching the cache its v1 ids: the
// genuine archive, read from a stream next, showed the tampered layer (by the v1 id's alias) from then on.
describe('a tampered archive does not poison the next read of the genuine one', () => {
  it('v1 ids are learnt only for layers that hash to the diff_id their config gives', async () => {
    const cache = await newCache();
    const genuine = spec();
    const GENUINE = `sha256:${sha256(layerTar(genuine.layers[1]!))}`;
    // The same config (so the same v1 ids), the second layer's bytes changed.
    const tampered: ImageSpec = {
      ...genuine,
      layers: [genuine.layers[0]!, { command: 'ADD b', entries: [{ path: 'evil', content: 'evil!' }], diffId: GENUINE }],
    };
    const first = await read(cache, writeImageArchive(tampered, 'docker-legacy'), 'stdin');
    expect(first.files).toEqual(['/evil']);
    expect(first.warnings).toHaveLength(1);
    const next = await read(cache, writeImageArchive(genuine, 'docker-legacy'), 'stdin');
    expect(next).toEqual({ warnings: [], files: ['/b'] });
    // And the genuine one's v1 ids are learnt: a third read skips its layers.
    const run = await cli(['--json', '/dev/null', '--debug', '-'], {
      env: { XDG_CACHE_HOME: cache },
      stdin: writeImageArchive(genuine, 'docker-legacy'),
    });
    expect(run.stderr).toMatch(/0 layers parsed, 2 from the cache/);
  });
});
