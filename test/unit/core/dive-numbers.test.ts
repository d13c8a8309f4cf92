// dive's numbers on small images, every figure worked out by hand from FORMATS.md §5: leaves of each
// layer's own tree add their size to cum, lower min and bump count per path.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { analyzeImage } from '../../../src/core/index.js';

const dir = (path: string) => ({ path, kind: 'dir' as const });
const wh = (path: string) => ({ path, kind: 'whiteout' as const });

describe('dive numbers', () => {
  it('deleted directory, a file written three times, an empty dir re-emitted', () => {
    const image = buildModel([
      {
        entries: [
          dir('etc'),
          { path: 'etc/conf', size: 100 },
          dir('opt'),
          dir('opt/app'),
          { path: 'opt/app/big', size: 1000 },
          { path: 'opt/app/small', size: 10 },
          dir('empty'),
        ],
      },
      { entries: [dir('etc'), { path: 'etc/conf', size: 150 }, dir('empty')] },
      { entries: [dir('etc'), { path: 'etc/conf', size: 200 }, dir('opt'), wh('opt/app')] },
    ]);
    // Leaves — L0: etc/conf 100, opt/app/big 1000, opt/app/small 10, empty 0
    //          L1: etc/conf 150, empty 0 (a directory with no children in this layer)
    //          L2: etc/conf 200, opt/app (whiteout of a dir) = app 0 + big 1000 + small 10 = 1010
    // per path (count, cum, min): etc/conf (3, 450, 100), big (1, 1000, 1000), small (1, 10, 10),
    //   empty (2, 0, 0), opt/app (1, 1010, 1010)
    // Σmin = 100 + 1000 + 10 + 0 + 1010 = 2120; Σcum = 450 + 1000 + 10 + 0 + 1010 = 2470
    // wasted = 450 + 0; sizes: 1110 + 150 + 200 = 1460, user 350
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBeCloseTo(2120 / 2470, 12);
    expect(dive.wastedBytes).toBe(450);
    expect(dive.sizeBytes).toBe(1460);
    expect(dive.userSizeBytes).toBe(350);
    expect(dive.userWastedPercent).toBeCloseTo(450 / 350, 12);
    expect(dive.inefficientFiles).toEqual([
      { path: 'etc/conf', count: 3, sizeBytes: 450 },
      { path: 'empty', count: 2, sizeBytes: 0 },
    ]);
  });

  it('one-layer image: efficiency 1, no user bytes, percent defined as 0', () => {
    const image = buildModel([{ entries: [{ path: 'a', size: 5 }, { path: 'b', size: 7 }, dir('c')] }]);
    // leaves a 5, b 7, c 0, each once: Σmin = Σcum = 12
    expect(analyzeImage(image).dive).toEqual({
      efficiency: 1,
      wastedBytes: 0,
      sizeBytes: 12,
      userSizeBytes: 0,
      userWastedPercent: 0,
      inefficientFiles: [],
    });
  });

  it('an empty image has efficiency 1 and nothing else', () => {
    const { dive } = analyzeImage(buildModel([]));
    expect(dive.efficiency).toBe(1);
    expect(dive.sizeBytes).toBe(0);
  });

  it('whiteouts of files count 0; implied parents are never leaves', () => {
    const image = buildModel([
      {
        entries: [
          { path: 'x/f', size: 50 },
          { path: 'g', size: 30 },
        ],
      },
      { entries: [wh('x/f'), wh('g')] },
    ]);
    // L0 leaves: x/f 50, g 30 (x is implied: not a leaf). L1: x/f 0, g 0 (deleted files), x implied.
    // x/f (2, 50, 0), g (2, 30, 0): Σmin 0, Σcum 80 -> efficiency 0; wasted 80; user size 0 -> 80 / 0,
    // which dive 0.13.1 prints as +Inf and fails highestUserWastedPercent on (run on the same archive).
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBe(0);
    expect(dive.wastedBytes).toBe(80);
    expect(dive.userWastedPercent).toBe(Infinity);
    expect(dive.inefficientFiles).toEqual([
      { path: 'x/f', count: 2, sizeBytes: 50 },
      { path: 'g', count: 2, sizeBytes: 30 },
    ]);
  });

  it('like dive, deleting a directory that the last layer touching it only implied counts 0', () => {
    const image = buildModel([
      { entries: [{ path: 'x/f', size: 50 }, dir('y'), { path: 'y/g', size: 30 }] },
      { entries: [{ path: 'y/h', size: 5 }] }, // y implied here: dive's stacked y loses its directory info
      { entries: [wh('x'), wh('y')] },
    ]);
    // Leaves — L0: x/f 50, y/g 30; L1: y/h 5; L2: x 0 and y 0 (neither is a directory in dive's stacked tree)
    // all counts 1: Σmin = Σcum = 85 -> efficiency 1. Honest waste still sees 85 bytes deleted.
    const { dive, waste } = analyzeImage(image);
    expect(dive.efficiency).toBe(1);
    expect(waste.deletedBytes).toBe(85);
  });

  it('equal cumulative sizes are listed in path order', () => {
    const image = buildModel([
      {
        entries: [
          { path: 'b', size: 5 },
          { path: 'a', size: 5 },
        ],
      },
      {
        entries: [
          { path: 'b', size: 5 },
          { path: 'a', size: 5 },
        ],
      },
    ]);
    // a (2, 10, 5), b (2, 10, 5): Σmin 10 / Σcum 20; wasted 20; user 10
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBe(0.5);
    expect(dive.userWastedPercent).toBe(2);
    expect(dive.inefficientFiles.map((f) => f.path)).toEqual(['a', 'b']);
  });

  it('like dive, opaque markers are dropped but their directory is a leaf of the layer', () => {
    const image = buildModel([{ entries: [dir('d'), { path: 'd/x', size: 10 }] }, { entries: [{ path: 'd', kind: 'opaque' }] }]);
    // L0: d has a child -> only d/x (1, 10, 10). L1: d is a leaf, size 0 -> d (1, 0, 0). Efficiency 10/10.
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBe(1);
    expect(dive.wastedBytes).toBe(0);
  });

  it('like dive, a whiteout and a write of the same path in one layer are two leaves', () => {
    const image = buildModel([{ entries: [{ path: 'f', size: 10 }] }, { entries: [wh('f'), { path: 'f', size: 20 }] }]);
    // L0: f 10. L1: .wh.f -> f 0 (a file), and f 20. f (3, 30, 0): efficiency 0, wasted 30
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBe(0);
    expect(dive.inefficientFiles).toEqual([{ path: 'f', count: 3, sizeBytes: 30 }]);
  });

  it('a directory whiteout is sized by the subtree as stacked below, including later additions and deletions', () => {
    const image = buildModel([
      { entries: [dir('d'), { path: 'd/a', size: 1 }, { path: 'd/b', size: 2 }] },
      { entries: [dir('d'), { path: 'd/c', size: 4 }, wh('d/a')] },
      { entries: [wh('d')] },
    ]);
    // stacked 0..1 under d: b 2 + c 4 = 6 (a was deleted). Leaves — L0: d/a 1, d/b 2; L1: d/c 4, d/a 0;
    // L2: d 6. d/a (2, 1, 0). Σmin = 0 + 2 + 4 + 6 = 12; Σcum = 1 + 2 + 4 + 6 = 13
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBeCloseTo(12 / 13, 12);
    expect(dive.wastedBytes).toBe(1);
  });
});
