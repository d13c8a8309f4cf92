// diffImages on images built by hand; every expected value below is worked out in the comments.
import { describe, expect, it } from 'vitest';
import { diffImages, evaluateDiffGate, parseDiffThreshold, type DiffThreshold } from '../../../src/core/image-diff/index.js';
import type { ImageModel } from '../../../src/core/model.js';
import { diffInput, rebuiltLayer } from '../../helpers/diff-input.js';
import { buildModel, type LayerSpec } from '../../helpers/model-builder.js';

const input = diffInput;

const BASE: LayerSpec = {
  entries: [
    { path: 'etc', kind: 'dir' },
    { path: 'etc/os', size: 100 },
    { path: 'bin', kind: 'dir' },
    { path: 'bin/sh', size: 1000 },
  ],
};

describe('diffImages', () => {
  // A: base + app{config 40, data 500, build/{t1 250, t2 150}, run.sh 8 (0755), current -> v1}
  // B: base + app{config 40 (new content), data 800, new 60, run.sh 8 (0700), current -> v2}
  const a = buildModel(
    [
      BASE,
      {
        entries: [
          { path: 'app', kind: 'dir' },
          { path: 'app/config', size: 40, hash: 'c1' },
          { path: 'app/data', size: 500 },
          { path: 'app/build/t1', size: 250 },
          { path: 'app/build/t2', size: 150 },
          { path: 'app/run.sh', size: 8, mode: 0o755, hash: 'r' },
          { path: 'app/current', kind: 'symlink', linkTarget: 'v1' },
        ],
      },
    ],
    'a',
  );
  const b = buildModel(
    [
      BASE,
      {
        entries: [
          { path: 'app', kind: 'dir' },
          { path: 'app/config', size: 40, hash: 'c2' },
          { path: 'app/data', size: 800 },
          { path: 'app/new', size: 60 },
          { path: 'app/run.sh', size: 8, mode: 0o700, hash: 'r' },
          { path: 'app/current', kind: 'symlink', linkTarget: 'v2' },
        ],
      },
    ],
    'b',
  );
  // buildModel gives layer k the diff id k: both base layers share sha256:0…0, and so do the app layers —
  // give B's app layer its own id, as a real rebuild would.
  const bModel: ImageModel = rebuiltLayer(b, 1);

  it('lists added, removed and modified files, largest change first, with what changed', () => {
    const diff = diffImages(input(a), input(bModel));
    expect(diff.files.map((f) => [f.path, f.change, f.aspects.join('+'), f.sizeAfter - f.sizeBefore])).toEqual([
      ['app/data', 'modified', 'content', 300],
      ['app/build/t1', 'removed', '', -250],
      ['app/build/t2', 'removed', '', -150],
      ['app/new', 'added', '', 60],
      ['app/config', 'modified', 'content', 0],
      ['app/current', 'modified', 'link', 0],
      ['app/run.sh', 'modified', 'mode', 0],
    ]);
  });

  it('totals changes per directory, and says which layers are shared', () => {
    const diff = diffImages(input(a), input(bModel));
    expect(diff.directories).toEqual([
      { path: 'app/build', delta: -400, added: 0, removed: 2, modified: 0 },
      { path: 'app', delta: 360, added: 1, removed: 0, modified: 4 },
    ]);
    expect(diff.layers).toEqual({ shared: 1, commonPrefix: 1, sharedInA: [true, false], sharedInB: [true, false] });
    // A: 1100 base + 40 + 500 + 250 + 150 + 8 = 2048; B: 1100 + 40 + 800 + 60 + 8 = 2008
    expect([diff.a.sizeBytes, diff.b.sizeBytes, diff.a.finalFileCount, diff.b.finalFileCount]).toEqual([2048, 2008, 7, 6]);
  });

  it('an empty directory added or removed is listed; a directory with files is not', () => {
    const x = buildModel([
      {
        entries: [
          { path: 'empty', kind: 'dir' },
          { path: 'full/f', size: 1 },
        ],
      },
    ]);
    const y = buildModel([{ entries: [{ path: 'other', kind: 'dir' }] }]);
    const diff = diffImages(input(x), input({ ...y, layers: [{ ...y.layers[0]!, diffId: 'sha256:y' }] }));
    expect(diff.files.map((f) => `${f.change} ${f.path}`)).toEqual(['removed full/f', 'removed empty', 'added other']);
    expect(diff.layers.shared).toBe(0);
  });

  it('the same config id is one image: nothing listed', () => {
    const same = { ...a, id: 'sha256:abc' };
    const diff = diffImages(input(same), input(same));
    expect(diff.identical).toBe(true);
    expect(diff.files).toEqual([]);
  });
});

describe('--fail-on', () => {
  const t = (text: string) => parseDiffThreshold(text) as DiffThreshold;
  const side = (size: number, efficiency: number, honest: number) => ({
    name: 'x',
    sizeBytes: size,
    layerCount: 1,
    efficiency,
    wastedBytes: 0,
    userWastedPercent: 0,
    honestWasteBytes: honest,
    finalVisibleBytes: 0,
    finalFileCount: 0,
  });

  it('parses sizes, percentages and ratios as the CI rules do, and rejects nonsense', () => {
    expect(t('size-growth=10MB')).toMatchObject({ rule: 'size-growth', limit: 10_000_000, relative: false });
    expect(t('size-growth=5%')).toMatchObject({ limit: 0.05, relative: true });
    expect(t('efficiency-drop=2%')).toMatchObject({ limit: 0.02 });
    expect(t('new-waste=1MiB')).toMatchObject({ limit: 1_048_576 });
    expect(parseDiffThreshold('size=1')).toMatch(/unknown rule 'size'/);
    expect(parseDiffThreshold('size-growth')).toMatch(/needs a value/);
    expect(parseDiffThreshold('efficiency-drop=lots')).toMatch(/not a number/);
  });

  it('lets a size grow by more than 100% (fail when it more than doubles), but no efficiency drop past 1', () => {
    expect(t('size-growth=150%')).toMatchObject({ limit: 1.5, relative: true });
    expect(parseDiffThreshold('size-growth=-5%')).toMatch(/out of range: write 0% or more/);
    expect(parseDiffThreshold('efficiency-drop=150%')).toMatch(/out of range: write between 0% and 100%/);
    // 1000 -> 2600 B is +160 %: over 150 %, not over 200 %.
    const results = evaluateDiffGate([t('size-growth=150%'), t('size-growth=200%')], side(1000, 0.95, 0), side(2600, 0.95, 0));
    expect(results.map((r) => r.failed)).toEqual([true, false]);
  });

  it('fails a rule only when B is strictly worse than the limit', () => {
    // size 1000 -> 1100: +100 B, +10 %; efficiency 0.95 -> 0.90: drop 0.05; honest waste 0 -> 2000
    const results = evaluateDiffGate(
      [
        t('size-growth=100'),
        t('size-growth=99'),
        t('size-growth=10%'),
        t('size-growth=9%'),
        t('efficiency-drop=0.05'),
        t('efficiency-drop=0.04'),
        t('new-waste=2kB'),
        t('new-waste=1999'),
      ],
      side(1000, 0.95, 0),
      side(1100, 0.9, 2000),
    );
    expect(results.map((r) => r.failed)).toEqual([false, true, false, true, false, true, false, true]);
  });
});
