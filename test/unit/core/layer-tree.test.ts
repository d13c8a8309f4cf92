// Layer trees: one layer's own changes. Whiteouts are removed nodes sized by what they deleted (as
// stacked from below), opaque directories are flagged, implied parents are marked. By hand.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { treeLines } from '../../helpers/tree-text.js';
import { ImageTrees, isOpaque } from '../../../src/core/index.js';

const dir = (path: string) => ({ path, kind: 'dir' as const });

describe('layerTree', () => {
  const image = buildModel([
    {
      entries: [
        dir('d'),
        { path: 'd/a', size: 10 },
        dir('d/s'),
        { path: 'd/s/b', size: 20 },
        { path: 'f', size: 7 },
        dir('o'),
        { path: 'o/old', size: 3 },
      ],
    },
    {
      entries: [
        { path: 'd', kind: 'whiteout' }, // deletes 10 + 20 = 30 bytes
        { path: 'f', kind: 'whiteout' }, // deletes a 7-byte file
        { path: 'x/y/new', size: 5 }, // x and x/y implied
        { path: 'o', kind: 'opaque' },
        { path: 'o/mine', size: 1 },
        { path: 'ghost', kind: 'whiteout' }, // deletes nothing
      ],
    },
  ]);
  const trees = new ImageTrees(image);

  it('lists own writes, implied parents, whiteouts as removed nodes and flags the opaque dir', () => {
    const tree = trees.layerTree(1);
    expect(treeLines(tree, image, { flags: true })).toEqual([
      'd dir removed 30',
      'f file removed 7',
      'ghost whiteout removed 0', // nothing below: the node keeps the whiteout entry itself
      'o dir modified 1 opaque implied', // own entry absent: it is the lower 'o', modified since it holds a change
      '  mine file added 1',
      'x dir added 5 implied',
      '  y dir added 5 implied',
      '    new file added 5',
    ]);
    expect(tree.ownBytes[1]).toBe(7);
    expect(tree.ownBytes[0]).toBe(0);
    expect(isOpaque(tree, 3)).toBe(true);
    expect(isOpaque(tree, 4)).toBe(false);
  });

  it('layer 0 is all added', () => {
    expect(treeLines(trees.layerTree(0), image)).toEqual([
      'd dir added 30',
      '  a file added 10',
      '  s dir added 20',
      '    b file added 20',
      'f file added 7',
      'o dir added 3',
      '  old file added 3',
    ]);
  });

  it('own entries are compared with the layer below', () => {
    const img = buildModel([
      { entries: [dir('e'), { path: 'e/same', size: 1 }, { path: 'e/chg', size: 1 }] },
      { entries: [dir('e'), { path: 'e/same', size: 1 }, { path: 'e/chg', size: 2 }] },
    ]);
    expect(treeLines(new ImageTrees(img).layerTree(1), img)).toEqual([
      'e dir modified 3',
      '  chg file modified 2',
      '  same file unchanged 1',
    ]);
  });
});

describe('tree order and lookup', () => {
  const image = buildModel([
    {
      entries: [
        dir('a'),
        { path: 'a/s', size: 1 },
        { path: 'a/t', size: 50 },
        dir('b'),
        { path: 'b/u', size: 30 },
        { path: 'b/v', size: 30 },
        { path: 'c', size: 40 },
      ],
    },
  ]);
  const trees = new ImageTrees(image);

  it('size order: children by total bytes descending, ties by name; subtree counts follow', () => {
    const tree = trees.stackedTree(0, 'size');
    // totals: b 60, a 51, c 40; in a: t 50, s 1; in b: u 30 = v 30 -> name order
    expect(treeLines(tree, image)).toEqual([
      'b dir unchanged 60',
      '  u file unchanged 30',
      '  v file unchanged 30',
      'a dir unchanged 51',
      '  t file unchanged 50',
      '  s file unchanged 1',
      'c file unchanged 40',
    ]);
    expect(Array.from(tree.subtreeCount)).toEqual([3, 1, 1, 3, 1, 1, 1]);
    expect(Array.from(tree.parent)).toEqual([-1, 0, 0, -1, 3, 3, -1]);
    expect(tree.indexOf(image.paths.find('a/s')!)).toBe(5);
    expect(tree.indexOf(image.paths.find('zzz') ?? 999)).toBe(-1);
  });

  it('caches by key: the same tree object comes back', () => {
    expect(trees.stackedTree(0)).toBe(trees.stackedTree(0));
    expect(trees.comparedTree(0, 'layer', 'size')).toBe(trees.comparedTree(0, 'layer', 'size'));
    expect(trees.comparedTree(0, 'layer')).not.toBe(trees.comparedTree(0, 'aggregated'));
  });

  it('refuses a layer that does not exist', () => {
    expect(() => trees.stackedTree(1)).toThrow(RangeError);
    expect(() => trees.layerTree(-1)).toThrow(RangeError);
  });
});
