// Golden values from the real dive (issue 9 §3): archives built here, run through dive 0.13.1
// (`dive --json OUT docker-archive://PATH`, ../shared/tools/dive) and through the built layerscope CLI,
// and dive's fields compared: sizeBytes of every layer, inefficientBytes, efficiencyScore and
// fileReference. layerscope promises those numbers exactly as dive computes them (README, "The numbers"),
// so `.dive-ci` thresholds keep their meaning. Only small images: dive re-stacks every lower layer for
// each whiteout, so many deletions take it minutes (../shared/tools/README.md).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/io/archive-writer/image-spec.js';
import { writeImageArchive, type ArchiveFormat } from '../../src/io/archive-writer/write-image-archive.js';
import { requireOrSkip } from '../helpers/integration.js';
import { cli, ROOT } from '../helpers/run-cli.js';

const DIVE = resolve(ROOT, '../shared/tools/dive');
const diveWorks = (): boolean => existsSync(DIVE) && spawnSync(DIVE, ['--version'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
const runDive = requireOrSkip(`dive 0.13.1 at ${DIVE}`, diveWorks());

interface DiveFields {
  layerSizes: number[];
  sizeBytes: number;
  inefficientBytes: number;
  efficiencyScore: number;
  fileReference: { count: number; sizeBytes: number; file: string }[];
}

interface JsonDoc {
  layer: { sizeBytes: number }[];
  image: { sizeBytes: number; inefficientBytes: number; efficiencyScore: number; fileReference: DiveFields['fileReference'] };
}

const diveFields = (doc: JsonDoc): DiveFields => ({
  layerSizes: doc.layer.map((l) => l.sizeBytes),
  sizeBytes: doc.image.sizeBytes,
  inefficientBytes: doc.image.inefficientBytes,
  efficiencyScore: doc.image.efficiencyScore,
  // dive lists files of equal size in map order; compare as a set ordered by size, then name.
  fileReference: doc.image.fileReference
    .map(({ count, sizeBytes, file }) => ({ count, sizeBytes, file }))
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.file.localeCompare(b.file)),
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-dive-golden-'));
});

async function both(name: string, spec: ImageSpec, format: ArchiveFormat): Promise<{ dive: DiveFields; ours: DiveFields }> {
  const archive = join(dir, `${name}-${format}.tar`);
  await writeFile(archive, writeImageArchive(spec, format));
  const diveOut = join(dir, `${name}-${format}.dive.json`);
  const dive = spawnSync(DIVE, ['--json', diveOut, `docker-archive://${archive}`], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: '' },
  });
  expect(dive.status, `dive failed: ${dive.stdout}${dive.stderr}`).toBe(0);
  const ours = await cli(['--json', '-', archive]);
  expect(ours.code, ours.stderr).toBe(0);
  return { dive: diveFields(JSON.parse(await readFile(diveOut, 'utf8'))), ours: diveFields(JSON.parse(ours.stdout)) };
}

const dir_ = (path: string) => ({ path, type: 'dir' as const });

// Each image: 3+ layers; sizes chosen so no two inefficient files tie.
const OVERWRITES_AND_DELETIONS: ImageSpec = {
  layers: [
    {
      command: 'ADD rootfs /',
      entries: [
        dir_('etc'),
        { path: 'etc/os', size: 100 },
        dir_('bin'),
        { path: 'bin/tool', content: 'x'.repeat(1000) },
        dir_('data'),
        { path: 'data/a', size: 300 },
        { path: 'data/b', size: 200 },
        { path: 'etc/motd', size: 45 },
      ],
    },
    {
      command: 'RUN update',
      entries: [
        dir_('bin'),
        { path: 'bin/tool', content: 'y'.repeat(1000) },
        dir_('app'),
        { path: 'app/log', size: 50 },
        { path: 'etc/motd', type: 'whiteout' },
      ],
    },
    { command: 'RUN rm -rf /data', entries: [{ path: 'data', type: 'whiteout' }, dir_('app'), { path: 'app/log', size: 70 }] },
    { command: 'RUN again', entries: [dir_('bin'), { path: 'bin/tool', content: 'z'.repeat(1500) }] },
  ],
};

// A deleted directory holding subdirectories, later re-created with one file; a file deleted and re-added.
const DELETED_DIRECTORY: ImageSpec = {
  layers: [
    {
      command: 'ADD rootfs /',
      entries: [
        dir_('usr'),
        dir_('usr/lib'),
        dir_('usr/lib/x'),
        { path: 'usr/lib/x/a', size: 4000 },
        { path: 'usr/lib/x/b', size: 2500 },
        dir_('usr/lib/y'),
        { path: 'usr/lib/y/c', size: 700 },
        dir_('usr/share'),
        { path: 'usr/share/readme', size: 90 },
      ],
    },
    {
      command: 'RUN rm -rf /usr/lib && rm /usr/share/readme',
      entries: [dir_('usr'), { path: 'usr/lib', type: 'whiteout' }, dir_('usr/share'), { path: 'usr/share/readme', type: 'whiteout' }],
    },
    {
      command: 'RUN install',
      entries: [
        dir_('usr'),
        dir_('usr/lib'),
        dir_('usr/lib/x'),
        { path: 'usr/lib/x/a', size: 1200 },
        dir_('usr/share'),
        { path: 'usr/share/readme', size: 95 },
      ],
    },
  ],
};

// Hardlinks: tar writes them with size 0; one whose original is deleted later, one overwritten later.
const HARDLINKS: ImageSpec = {
  layers: [
    {
      command: 'ADD rootfs /',
      entries: [
        dir_('opt'),
        { path: 'opt/big', size: 3000 },
        { path: 'opt/big-link', type: 'hardlink', linkTarget: 'opt/big' },
        { path: 'opt/small', size: 400 },
        { path: 'opt/small-link', type: 'hardlink', linkTarget: 'opt/small' },
      ],
    },
    { command: 'RUN rm /opt/big', entries: [dir_('opt'), { path: 'opt/big', type: 'whiteout' }] },
    { command: 'RUN replace small-link', entries: [dir_('opt'), { path: 'opt/small-link', size: 650 }] },
  ],
};

// An opaque directory: layer 2 replaces etc/conf wholesale (`.wh..wh..opq`).
const OPAQUE: ImageSpec = {
  layers: [
    {
      command: 'ADD rootfs /',
      entries: [
        dir_('etc'),
        dir_('etc/conf'),
        { path: 'etc/conf/a', size: 500 },
        { path: 'etc/conf/b', size: 300 },
        { path: 'etc/keep', size: 20 },
      ],
    },
    { command: 'RUN tweak', entries: [dir_('etc'), dir_('etc/conf'), { path: 'etc/conf/b', size: 290 }] },
    {
      command: 'RUN replace /etc/conf',
      entries: [
        dir_('etc'),
        dir_('etc/conf'),
        { path: 'etc/conf', type: 'opaque' },
        { path: 'etc/conf/c', size: 800 },
        { path: 'etc/conf/b', size: 280 },
      ],
    },
  ],
};

// The same layer twice (a COPY repeated after a change): identical tars, one diff id.
const REPEATED_CFG = { command: 'COPY cfg /etc/', entries: [dir_('etc'), { path: 'etc/cfg', size: 100 }] };
const REPEATED_LAYER: ImageSpec = {
  layers: [
    REPEATED_CFG,
    { command: 'RUN edit', entries: [dir_('etc'), { path: 'etc/cfg', size: 40 }, { path: 'y', size: 50 }] },
    REPEATED_CFG,
  ],
};

describe.skipIf(!runDive)('dive 0.13.1 golden values (--json)', () => {
  it.each([
    ['overwrites and deletions', OVERWRITES_AND_DELETIONS],
    ['a deleted directory with subdirectories', DELETED_DIRECTORY],
    ['hardlinks, one whose original is deleted', HARDLINKS],
  ] as const)('%s: same numbers as dive, from both docker save shapes', async (name, spec) => {
    for (const format of ['docker-legacy', 'docker-oci'] as const) {
      const { dive, ours } = await both(name.replace(/\W+/g, '-'), spec, format);
      expect(ours, format).toEqual(dive);
      expect(dive.layerSizes).toHaveLength(spec.layers.length);
    }
  });

  it('an opaque directory: dive drops the marker; its numbers are matched, the honest ones are ours', async () => {
    const { dive, ours } = await both('opaque', OPAQUE, 'docker-legacy');
    // dive's fields are computed as if `.wh..wh..opq` were not there (etc/conf/a, hidden by it, counts as
    // efficient), and layerscope reproduces them so that .dive-ci thresholds keep their meaning.
    expect(ours).toEqual(dive);
    // What dive gets wrong is what is visible: etc/conf/a (500) and the b of layer 1 (290) are hidden by
    // the opaque directory, b of layer 0 (300) was overwritten by layer 1. By hand: 1090 wasted, and the
    // final image holds etc/keep 20 + etc/conf/c 800 + etc/conf/b 280 = 1100 bytes in 3 files.
    const doc = JSON.parse((await cli(['--json', '-', join(dir, 'opaque-docker-legacy.tar')])).stdout);
    expect(doc.image.honestWaste).toEqual({ totalBytes: 1090, overwrittenBytes: 300, deletedBytes: 0, opaqueHiddenBytes: 790 });
    expect([doc.image.finalVisibleBytes, doc.image.finalFileCount]).toEqual([1100, 3]);
  });

  it("a repeated layer: dive reads docker save's symlinked layer.tar as empty; layerscope follows it", async () => {
    const legacy = await both('repeated', REPEATED_LAYER, 'docker-legacy');
    const oci = await both('repeated', REPEATED_LAYER, 'docker-oci');
    // In the OCI shape the repeated layer is the same blob and dive is right; layerscope agrees.
    expect(oci.ours).toEqual(oci.dive);
    // By hand: etc/cfg written 100 + 40 + 100 (count 3, min 40), y 50 once: Σcum 290, Σmin 90.
    expect(oci.dive).toEqual({
      layerSizes: [100, 90, 100],
      sizeBytes: 290,
      inefficientBytes: 240,
      efficiencyScore: 90 / 290,
      fileReference: [{ count: 3, sizeBytes: 240, file: '/etc/cfg' }],
    });
    // docker save (Docker <= 24) writes the repeat as a symlink to the first layer.tar; dive reads that
    // as an empty layer (size 0, its files missing: FORMATS.md §1). layerscope reads the layer it points
    // at, so its numbers do not depend on the archive's shape.
    expect(legacy.dive.layerSizes).toEqual([100, 90, 0]);
    expect(legacy.ours).toEqual(oci.ours);
  });
});
