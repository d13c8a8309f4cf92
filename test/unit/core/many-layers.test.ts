// A 120-layer image: every layer rewrites shared/cfg (10 bytes, same content) and adds dir l<k> with
// l<k>/f of k+1 bytes; every 10th layer from 10 deletes the previous layer's directory.
import { describe, expect, it } from 'vitest';
import { buildModel, type LayerSpec } from '../../helpers/model-builder.js';
import { treeLines } from '../../helpers/tree-text.js';
import { ImageTrees, analyzeImage } from '../../../src/core/index.js';

function layers(): LayerSpec[] {
  return Array.from({ length: 120 }, (_, k) => ({
    entries: [
      { path: 'shared', kind: 'dir' as const },
      { path: 'shared/cfg', size: 10 },
      { path: `l${k}`, kind: 'dir' as const },
      { path: `l${k}/f`, size: k + 1 },
      ...(k >= 10 && k % 10 === 0 ? [{ path: `l${k - 1}`, kind: 'whiteout' as const }] : []),
    ],
  }));
}

describe('120 layers', () => {
  const image = buildModel(layers());

  it('dive numbers', () => {
    // shared/cfg (120, 1200, 10); l<k>/f (1, k+1, k+1): Σ = 1 + … + 120 = 7260 (l<k> has a child: no leaf);
    // whiteouts of dirs l9, l19 … l109 (sized by their file: k for the whiteout in layer k): 10 + … + 110 = 660.
    // Σmin = 10 + 7260 + 660 = 7930; Σcum = 1200 + 7260 + 660 = 9120; wasted 1200
    // sizes: Σ (10 + k + 1) = 1200 + 7260 = 8460; user = 8460 - 11 = 8449
    const { dive } = analyzeImage(image);
    expect(dive.efficiency).toBeCloseTo(7930 / 9120, 12);
    expect(dive.wastedBytes).toBe(1200);
    expect(dive.sizeBytes).toBe(8460);
    expect(dive.userSizeBytes).toBe(8449);
    expect(dive.inefficientFiles).toEqual([{ path: 'shared/cfg', count: 120, sizeBytes: 1200 }]);
  });

  it('honest waste', () => {
    // cfg of layers 0..118 overwritten: 1190; deleted l9 … l109 files: 660; visible 10 + 7260 - 660 = 6610
    // files: cfg + 120 - 11 = 110
    expect(analyzeImage(image).waste).toMatchObject({
      overwrittenBytes: 1190,
      deletedBytes: 660,
      opaqueHiddenBytes: 0,
      finalVisibleBytes: 6610,
      finalFileCount: 110,
    });
  });

  it('trees for every layer', () => {
    const trees = new ImageTrees(image, { cacheSize: 8 });
    // 109 l<k> dirs with one file each, plus shared and shared/cfg
    expect(trees.stackedTree(119).count).toBe(220);
    expect(treeLines(trees.comparedTree(10, 'layer'), image).filter((l) => !l.includes('unchanged'))).toEqual([
      'l10 dir added 11',
      '  f file added 11',
      'l9 dir removed 10',
      '  f file removed 10',
    ]);
    // Aggregated at k: layers 0..k stacked, compared with layer 0 (whose shared, shared/cfg, l0, l0/f all
    // survive, so nothing is listed as removed). Of l0..l<k>, layers 10, 20 … ≤ k deleted one each
    // (floor(k/10) dirs), so k + 1 - floor(k/10) dirs of 2 nodes remain, plus shared and shared/cfg.
    // (The this-layer view differs at every 10th layer, where the deleted dir is listed as removed.)
    const counts = Array.from({ length: 120 }, (_, k) => trees.comparedTree(k, 'aggregated').count);
    expect(counts).toEqual(Array.from({ length: 120 }, (_, k) => 2 + 2 * (k + 1 - Math.floor(k / 10))));
    expect([counts[0], counts[9], counts[10], counts[119]]).toEqual([4, 22, 22, 220]);
    expect(trees.layerTree(119).count).toBe(4); // shared, shared/cfg, l119, l119/f
  });
});
