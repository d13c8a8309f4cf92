// Compared trees: stacked(k) ∪ removed nodes, each with its diff kind against layer k-1 ('layer') or
// layer 0 ('aggregated'). Expectations worked out by hand.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { treeLines } from '../../helpers/tree-text.js';
import { ImageTrees } from '../../../src/core/index.js';

const dir = (path: string, mode = 0o755) => ({ path, kind: 'dir' as const, mode });
const wh = (path: string) => ({ path, kind: 'whiteout' as const });

describe('comparedTree', () => {
  it('layer 0 compares with the empty image: everything is added, in both modes', () => {
    const image = buildModel([{ entries: [dir('a'), { path: 'a/f', size: 3 }] }]);
    const trees = new ImageTrees(image);
    const expected = ['a dir added 3', '  f file added 3'];
    expect(treeLines(trees.comparedTree(0, 'layer'), image)).toEqual(expected);
    expect(treeLines(trees.comparedTree(0, 'aggregated'), image)).toEqual(expected);
  });

  it('symlink retarget and chmod are modified; a re-emitted directory is not; parents of changes are', () => {
    const image = buildModel([
      {
        entries: [
          dir('etc'),
          { path: 'etc/link', kind: 'symlink', linkTarget: 'a' },
          { path: 'etc/conf', size: 4 },
          dir('var'),
          { path: 'var/x', size: 1 },
        ],
      },
      {
        entries: [
          dir('etc'),
          { path: 'etc/link', kind: 'symlink', linkTarget: 'b' },
          dir('var'),
          { path: 'var/x', size: 1, mode: 0o600 },
          dir('usr'),
        ],
      },
    ]);
    expect(treeLines(new ImageTrees(image).comparedTree(1, 'layer'), image)).toEqual([
      // etc re-emitted unchanged, but holds a changed link -> modified (dive's rule)
      'etc dir modified 4',
      '  conf file unchanged 4',
      '  link symlink modified 0',
      'usr dir added 0',
      'var dir modified 1',
      '  x file modified 1', // same content, mode 0644 -> 0600
    ]);
  });

  it('a re-emitted directory with nothing changed under it stays unchanged; a chowned one is modified', () => {
    const image = buildModel([
      { entries: [dir('a'), { path: 'a/f', size: 2 }, dir('b')] },
      { entries: [dir('a'), { path: 'b', kind: 'dir', uid: 1000 }] },
    ]);
    expect(treeLines(new ImageTrees(image).comparedTree(1, 'layer'), image)).toEqual([
      'a dir unchanged 2',
      '  f file unchanged 2',
      'b dir modified 0',
    ]);
  });

  it('content change with the same size is modified (hash differs)', () => {
    const image = buildModel([{ entries: [{ path: 'f', size: 5, hash: 'x1' }] }, { entries: [{ path: 'f', size: 5, hash: 'x2' }] }]);
    expect(treeLines(new ImageTrees(image).comparedTree(1, 'layer'), image)).toEqual(['f file modified 5']);
  });

  it('removed nodes appear with the lower entry and the removed bytes; present parents keep their present size', () => {
    const image = buildModel([
      {
        entries: [
          dir('d'),
          { path: 'd/gone', size: 10 },
          dir('d/sub'),
          { path: 'd/sub/a', size: 20 },
          { path: 'd/sub/b', size: 30 },
          { path: 'd/kept', size: 1 },
        ],
      },
      { entries: [dir('d'), wh('d/gone'), wh('d/sub')] },
    ]);
    expect(treeLines(new ImageTrees(image).comparedTree(1, 'layer'), image)).toEqual([
      'd dir modified 1', // only d/kept remains: 1 byte
      '  gone file removed 10',
      '  kept file unchanged 1',
      '  sub dir removed 50', // 20 + 30
      '    a file removed 20',
      '    b file removed 30',
    ]);
  });

  it('aggregated mode compares with layer 0, layer mode with the layer just below', () => {
    const image = buildModel([
      { entries: [{ path: 'base', size: 1 }] },
      { entries: [{ path: 'one', size: 2 }] },
      { entries: [{ path: 'two', size: 3 }, wh('base')] },
    ]);
    const trees = new ImageTrees(image);
    expect(treeLines(trees.comparedTree(2, 'layer'), image)).toEqual(['base file removed 1', 'one file unchanged 2', 'two file added 3']);
    expect(treeLines(trees.comparedTree(2, 'aggregated'), image)).toEqual(['base file removed 1', 'one file added 2', 'two file added 3']);
    // A file added in layer 1 and deleted in layer 2 was never in layer 0: absent from the aggregated view.
  });

  it('a file added then removed above layer 0 does not show in the aggregated view', () => {
    const image = buildModel([{ entries: [{ path: 'a', size: 1 }] }, { entries: [{ path: 't', size: 2 }] }, { entries: [wh('t')] }]);
    const trees = new ImageTrees(image);
    expect(treeLines(trees.comparedTree(2, 'aggregated'), image)).toEqual(['a file unchanged 1']);
    expect(treeLines(trees.comparedTree(2, 'layer'), image)).toEqual(['a file unchanged 1', 't file removed 2']);
  });

  it('a file over a directory: modified node with the lower children listed as removed', () => {
    const image = buildModel([{ entries: [dir('p'), { path: 'p/a', size: 5 }] }, { entries: [{ path: 'p', size: 2 }] }]);
    expect(treeLines(new ImageTrees(image).comparedTree(1, 'layer'), image)).toEqual(['p file modified 2', '  a file removed 5']);
  });

  it('hardlinks carry their target hash: a hardlink to changed content is modified', () => {
    const image = buildModel([
      {
        entries: [
          { path: 'f', size: 4, hash: 'c1' },
          { path: 'l', kind: 'hardlink', linkTarget: 'f' },
        ],
      },
      {
        entries: [
          { path: 'f', size: 4, hash: 'c2' },
          { path: 'l', kind: 'hardlink', linkTarget: 'f' },
        ],
      },
    ]);
    expect(treeLines(new ImageTrees(image).comparedTree(1, 'layer'), image)).toEqual(['f file modified 4', 'l hardlink modified 0']);
  });
});
