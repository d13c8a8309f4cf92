// Honest waste by cause and by layer, worked out by hand: each byte a layer wrote is visible at the
// end or was hidden by the first later event (overwrite, delete, opaque dir).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { analyzeImage } from '../../../src/core/index.js';

const dir = (path: string) => ({ path, kind: 'dir' as const });

describe('honest waste', () => {
  const image = buildModel([
    {
      entries: [
        dir('a'),
        { path: 'a/f1', size: 100 },
        { path: 'a/f2', size: 200 },
        dir('d'),
        { path: 'd/x', size: 300 },
        { path: 'keep', size: 50 },
        dir('o'),
        { path: 'o/y', size: 400 },
        { path: 'h', size: 10 },
        dir('p'),
        { path: 'p/q', size: 5 },
      ],
    },
    {
      entries: [
        { path: 'a/f1', size: 110 },
        { path: 'd', kind: 'whiteout' },
        { path: 'n', size: 60 },
      ],
    },
    {
      entries: [
        { path: 'o', kind: 'opaque' },
        { path: 'o/z', size: 20 },
        { path: 'a/f1', size: 120 },
        { path: 'n', kind: 'whiteout' },
        { path: 'p', size: 7 },
      ],
    },
  ]);
  const { waste } = analyzeImage(image);

  it('attributes every hidden byte to the layer that wrote it, by the first cause', () => {
    // L0 wrote 100+200+300+50+400+10+5 = 1065: a/f1 100 and p/q 5 overwritten (L1 rewrote f1, L2 put a file
    //   over p), d/x 300 deleted (L1), o/y 400 opaque-hidden (L2); visible a/f2 200 + keep 50 + h 10 = 260
    // L1 wrote 110 + 60 = 170: a/f1 110 overwritten by L2, n 60 deleted by L2
    // L2 wrote 20 + 120 + 7 = 147, all visible
    expect(waste.perLayer).toEqual([
      { index: 0, writtenBytes: 1065, visibleBytes: 260, overwrittenBytes: 105, deletedBytes: 300, opaqueHiddenBytes: 400 },
      { index: 1, writtenBytes: 170, visibleBytes: 0, overwrittenBytes: 110, deletedBytes: 60, opaqueHiddenBytes: 0 },
      { index: 2, writtenBytes: 147, visibleBytes: 147, overwrittenBytes: 0, deletedBytes: 0, opaqueHiddenBytes: 0 },
    ]);
  });

  it('sums the causes and counts the final regular files', () => {
    // overwritten 105 + 110 = 215, deleted 300 + 60 = 360, opaque 400 -> 975
    // final files: a/f1, a/f2, keep, h, o/z, p -> 6, bytes 260 + 147 = 407
    expect(waste).toMatchObject({
      totalBytes: 975,
      overwrittenBytes: 215,
      deletedBytes: 360,
      opaqueHiddenBytes: 400,
      finalVisibleBytes: 407,
      finalFileCount: 6,
    });
  });

  it('hardlinks add a file but no bytes', () => {
    const img = buildModel([
      {
        entries: [
          { path: 'f', size: 9 },
          { path: 'l', kind: 'hardlink', linkTarget: 'f' },
          { path: 's', kind: 'symlink', linkTarget: 'f' },
        ],
      },
    ]);
    expect(analyzeImage(img).waste).toMatchObject({ totalBytes: 0, finalVisibleBytes: 9, finalFileCount: 2 });
  });

  it('a file replaced by a directory (or an implied one) is overwritten', () => {
    const img = buildModel([
      {
        entries: [
          { path: 'x', size: 3 },
          { path: 'y', size: 4 },
        ],
      },
      { entries: [dir('x'), { path: 'y/z', size: 1 }] },
    ]);
    expect(analyzeImage(img).waste.perLayer[0]).toMatchObject({ overwrittenBytes: 7, visibleBytes: 0 });
  });
});
