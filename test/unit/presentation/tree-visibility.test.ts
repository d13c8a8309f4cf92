import { describe, expect, test } from 'vitest';
import { PathTable } from '../../../src/core/index.js';
import {
  directoryPathIds,
  hasLaterVisibleSibling,
  listVisibleRows,
  lowerCasePaths,
  rowOfNode,
  visibilityMask,
} from '../../../src/presentation/tree-visibility.js';
import { fakeTree } from '../ui/fake-trees.js';

function sample() {
  const paths = new PathTable();
  const tree = fakeTree(paths, [
    { path: 'bin/sh', size: 10, diff: 'unchanged' },
    { path: 'bin', kind: 'dir', diff: 'unchanged' },
    { path: 'etc/Passwd', size: 5, diff: 'modified' },
    { path: 'etc', kind: 'dir', diff: 'modified' },
    { path: 'usr/lib/libc.so', size: 100, diff: 'added' },
    { path: 'usr/lib/gone', size: 7, diff: 'removed' },
  ]);
  const names = (rows: Int32Array) => [...rows].map((i) => paths.path(tree.pathId[i]!));
  return { paths, tree, names };
}

describe('visible rows', () => {
  test('everything, in pre-order, when nothing is folded or filtered', () => {
    const { tree, names } = sample();
    expect(names(listVisibleRows(tree, null, new Set()))).toEqual([
      'bin',
      'bin/sh',
      'etc',
      'etc/Passwd',
      'usr',
      'usr/lib',
      'usr/lib/gone',
      'usr/lib/libc.so',
    ]);
  });
  test('a folded directory hides its subtree but stays itself', () => {
    const { tree, paths, names } = sample();
    expect(names(listVisibleRows(tree, null, new Set([paths.find('usr')!])))).toEqual(['bin', 'bin/sh', 'etc', 'etc/Passwd', 'usr']);
  });
  test('the filter matches full paths case-insensitively and keeps the path to each match', () => {
    const { tree, paths, names } = sample();
    const mask = visibilityMask(tree, lowerCasePaths(tree, paths), 'passwd', new Set());
    expect(names(listVisibleRows(tree, mask, new Set()))).toEqual(['etc', 'etc/Passwd']);
    const dir = visibilityMask(tree, lowerCasePaths(tree, paths), 'usr/lib', new Set());
    expect(names(listVisibleRows(tree, dir, new Set()))).toEqual(['usr', 'usr/lib', 'usr/lib/gone', 'usr/lib/libc.so']);
  });
  test('the filter takes paths as the screen writes them, from the root: /usr/lib, /etc/', () => {
    const { tree, paths, names } = sample();
    const rooted = visibilityMask(tree, lowerCasePaths(tree, paths), '/usr/lib/', new Set());
    expect(names(listVisibleRows(tree, rooted, new Set()))).toEqual(['usr', 'usr/lib', 'usr/lib/gone', 'usr/lib/libc.so']);
    const top = visibilityMask(tree, lowerCasePaths(tree, paths), '/etc', new Set());
    expect(names(listVisibleRows(tree, top, new Set()))).toEqual(['etc', 'etc/Passwd']);
    // '/lib' starts no top-level name here: it matches inside /usr, as a substring of '/usr/lib'.
    const inner = visibilityMask(tree, lowerCasePaths(tree, paths), '/lib', new Set());
    expect(names(listVisibleRows(tree, inner, new Set()))).toEqual(['usr', 'usr/lib', 'usr/lib/gone', 'usr/lib/libc.so']);
  });
  test('hidden diff kinds drop nodes, and directories left with nothing shown', () => {
    const { tree, names } = sample();
    const noAdded = visibilityMask(tree, undefined, '', new Set(['added']));
    expect(names(listVisibleRows(tree, noAdded, new Set()))).toEqual([
      'bin',
      'bin/sh',
      'etc',
      'etc/Passwd',
      'usr',
      'usr/lib',
      'usr/lib/gone',
    ]);
    const onlyChanges = visibilityMask(tree, undefined, '', new Set(['unchanged']));
    expect(names(listVisibleRows(tree, onlyChanges, new Set()))).toEqual([
      'etc',
      'etc/Passwd',
      'usr',
      'usr/lib',
      'usr/lib/gone',
      'usr/lib/libc.so',
    ]);
  });
  test('no mask at all when nothing is filtered', () => {
    const { tree } = sample();
    expect(visibilityMask(tree, undefined, '', new Set())).toBeNull();
  });
  test('rowOfNode, directoryPathIds and later-sibling checks', () => {
    const { tree, paths } = sample();
    const rows = listVisibleRows(tree, null, new Set());
    expect(rowOfNode(rows, rows[5]!)).toBe(5);
    expect(rowOfNode(rows.subarray(0, 2), rows[5]!)).toBe(-1);
    expect(directoryPathIds(tree).map((id) => paths.path(id))).toEqual(['bin', 'etc', 'usr', 'usr/lib']);
    const usr = tree.indexOf(paths.find('usr')!);
    const etc = tree.indexOf(paths.find('etc')!);
    expect(hasLaterVisibleSibling(tree, null, usr)).toBe(false);
    expect(hasLaterVisibleSibling(tree, null, etc)).toBe(true);
    const mask = visibilityMask(tree, lowerCasePaths(tree, paths), 'etc', new Set());
    expect(hasLaterVisibleSibling(tree, mask, etc)).toBe(false);
  });
});
