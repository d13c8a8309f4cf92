// Stacked trees: what a container from layer k sees. Expected trees are worked out by hand from the
// rules (whiteouts and opaques touch only lower layers, order inside a layer never matters).
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { treeLines, treePaths } from '../../helpers/tree-text.js';
import { ImageTrees, analyzeImage } from '../../../src/core/index.js';

const dir = (path: string) => ({ path, kind: 'dir' as const });
const wh = (path: string) => ({ path, kind: 'whiteout' as const });
const opq = (path: string) => ({ path, kind: 'opaque' as const });

function stacked(layers: Parameters<typeof buildModel>[0], k = layers.length - 1) {
  const image = buildModel(layers);
  return { image, tree: new ImageTrees(image).stackedTree(k) };
}

describe('stackedTree', () => {
  it('implies parent directories and sorts children by name in code-unit order', () => {
    const { image, tree } = stacked([
      {
        entries: [
          { path: 'b/z', size: 1 },
          { path: 'a/b/c', size: 2 },
          { path: 'B', size: 4 },
        ],
      },
    ]);
    // 'B' (0x42) sorts before 'a' (0x61) and 'b'.
    expect(treeLines(tree, image, { flags: true })).toEqual([
      'B file unchanged 4',
      'a dir unchanged 2 implied',
      '  b dir unchanged 2 implied',
      '    c file unchanged 2',
      'b dir unchanged 1 implied',
      '  z file unchanged 1',
    ]);
    expect(Array.from(tree.subtreeCount)).toEqual([1, 3, 2, 1, 2, 1]);
    expect(Array.from(tree.parent)).toEqual([-1, -1, 1, 2, -1, 4]);
  });

  it.each([
    ['whiteout first', [wh('a/x'), { path: 'a/y', size: 2 }]],
    ['whiteout last', [{ path: 'a/y', size: 2 }, wh('a/x')]],
  ])('a whiteout deletes from below whatever its position in the layer (%s)', (_, top) => {
    const { image, tree } = stacked([{ entries: [dir('a'), { path: 'a/x', size: 5 }] }, { entries: top }]);
    expect(treePaths(tree, image)).toEqual(['a', 'a/y']);
  });

  it('a whiteout never hides an entry of its own layer', () => {
    // Layer 1 deletes a/x and writes a/x again (in either order): the new a/x (size 9) stands.
    for (const top of [
      [wh('a/x'), { path: 'a/x', size: 9 }],
      [{ path: 'a/x', size: 9 }, wh('a/x')],
    ]) {
      const { image, tree } = stacked([{ entries: [dir('a'), { path: 'a/x', size: 5 }] }, { entries: top }]);
      expect(treeLines(tree, image)).toEqual(['a dir unchanged 9', '  x file unchanged 9']);
    }
  });

  it('a whiteout of a directory deletes its whole subtree; the layer may refill it', () => {
    const { image, tree } = stacked([
      { entries: [dir('d'), { path: 'd/old', size: 3 }, dir('d/sub'), { path: 'd/sub/deep', size: 4 }] },
      { entries: [{ path: 'd/new', size: 1 }, wh('d')] },
    ]);
    // d itself comes back only as the implied parent of d/new.
    expect(treeLines(tree, image, { flags: true })).toEqual(['d dir unchanged 1 implied', '  new file unchanged 1']);
  });

  it.each([
    ['opaque listed first', [opq('d'), dir('d'), { path: 'd/mine', size: 2 }]],
    ['opaque listed after the children', [dir('d'), { path: 'd/mine', size: 2 }, opq('d')]],
  ])("an opaque dir hides lower contents but keeps its own layer's (%s)", (_, top) => {
    const { image, tree } = stacked([
      { entries: [dir('d'), { path: 'd/lower', size: 7 }, dir('d/sub'), { path: 'd/sub/f', size: 1 }, { path: 'keep', size: 3 }] },
      { entries: top },
    ]);
    expect(treePaths(tree, image)).toEqual(['d', 'd/mine', 'keep']);
    expect(tree.totalBytes[tree.indexOf(image.paths.find('d')!)]).toBe(2);
  });

  it('an opaque marker in a directory created by the same layer hides nothing of that layer', () => {
    const { image, tree } = stacked([{ entries: [{ path: 'x', size: 1 }] }, { entries: [opq('n'), { path: 'n/a', size: 1 }, dir('n')] }]);
    expect(treePaths(tree, image)).toEqual(['n', 'n/a', 'x']);
  });

  it('nested opaque directories: the outer one hides everything lower, the inner one adds nothing', () => {
    const { image, tree } = stacked([
      { entries: [dir('o'), { path: 'o/a', size: 1 }, dir('o/i'), { path: 'o/i/b', size: 2 }] },
      { entries: [dir('o'), opq('o'), dir('o/i'), opq('o/i'), { path: 'o/i/c', size: 4 }] },
    ]);
    expect(treeLines(tree, image)).toEqual(['o dir unchanged 4', '  i dir unchanged 4', '    c file unchanged 4']);
  });

  it('an opaque marker inside a lower directory only: the directory keeps its lower entry', () => {
    const { image, tree } = stacked([
      { entries: [{ path: 'o', kind: 'dir', mode: 0o700 }, { path: 'o/a', size: 1 }, dir('o/i'), { path: 'o/i/b', size: 2 }] },
      { entries: [opq('o/i')] },
    ]);
    expect(treePaths(tree, image)).toEqual(['o', 'o/a', 'o/i']);
    expect(tree.entry[0]!.mode).toBe(0o700);
  });

  it('a file written over a directory hides the lower subtree', () => {
    const { image, tree } = stacked([
      { entries: [dir('p'), { path: 'p/a', size: 5 }, dir('p/q'), { path: 'p/q/b', size: 6 }] },
      { entries: [{ path: 'p', size: 2 }] },
    ]);
    expect(treeLines(tree, image)).toEqual(['p file unchanged 2']);
  });

  it('a directory written over a file replaces it; a directory over a directory merges', () => {
    const { image, tree } = stacked([
      { entries: [{ path: 'f', size: 3 }, dir('m'), { path: 'm/a', size: 1 }] },
      { entries: [dir('f'), { path: 'f/in', size: 2 }, { path: 'm', kind: 'dir', mode: 0o700 }, { path: 'm/b', size: 4 }] },
    ]);
    expect(treeLines(tree, image)).toEqual([
      'f dir unchanged 2',
      '  in file unchanged 2',
      'm dir unchanged 5',
      '  a file unchanged 1',
      '  b file unchanged 4',
    ]);
    expect(tree.entry[tree.indexOf(image.paths.find('m')!)]!.mode).toBe(0o700);
  });

  it('a path implied under a lower file turns it into a directory', () => {
    const { image, tree } = stacked([{ entries: [{ path: 'x', size: 3 }] }, { entries: [{ path: 'x/y', size: 1 }] }]);
    expect(treeLines(tree, image, { flags: true })).toEqual(['x dir unchanged 1 implied', '  y file unchanged 1']);
  });

  it('reads any stacked layer back, not only the last', () => {
    const layers = [
      { entries: [{ path: 'a', size: 1 }] },
      { entries: [{ path: 'b', size: 2 }, wh('a')] },
      { entries: [{ path: 'a', size: 3 }] },
    ];
    const image = buildModel(layers);
    const trees = new ImageTrees(image);
    expect(treeLines(trees.stackedTree(0), image)).toEqual(['a file unchanged 1']);
    expect(treeLines(trees.stackedTree(1), image)).toEqual(['b file unchanged 2']);
    expect(treeLines(trees.stackedTree(2), image)).toEqual(['a file unchanged 3', 'b file unchanged 2']);
  });
});

describe('the root', () => {
  it("ignores a './' entry, and an opaque marker at the top level as Docker (overlay2) does", () => {
    const image = buildModel([
      {
        entries: [
          { path: './', kind: 'dir' },
          { path: 'a', size: 1 },
          { path: 'b/c', size: 2 },
        ],
      },
      {
        entries: [
          { path: '.', kind: 'dir' },
          { path: '', kind: 'opaque' },
          { path: 'n', size: 4 },
        ],
      },
    ]);
    const trees = new ImageTrees(image);
    expect(treePaths(trees.stackedTree(0), image)).toEqual(['a', 'b', 'b/c']);
    // docker load + docker export of such an image (Docker 20.10, overlay2) still has a and b/c.
    expect(treePaths(trees.stackedTree(1), image)).toEqual(['a', 'b', 'b/c', 'n']);
    expect(treePaths(trees.layerTree(1), image)).toEqual(['n']);
    // L0 leaves a 1, b/c 2; L1 leaf n 4 (the marker adds nothing in dive): all once -> efficiency 1
    const { dive, waste } = analyzeImage(image);
    expect(dive.efficiency).toBe(1);
    expect(waste.opaqueHiddenBytes).toBe(0);
    expect(waste.finalVisibleBytes).toBe(1 + 2 + 4);
  });
});
