// The diff explorer's tree of changed paths, and its rows: every expected value worked out by hand below.
import { describe, expect, it } from 'vitest';
import { buildChangeTree, diffImages, DIFF_KINDS, type ImageModel } from '../../../src/core/index.js';
import { buildTreeRows, listVisibleRows, type TreeRowStyle } from '../../../src/presentation/index.js';
import { changeRowStyle, changeTreeHeader, diffLayerRows, diffSummaryLines } from '../../../src/presentation/diff/index.js';
import { diffInput, rebuiltLayer } from '../../helpers/diff-input.js';
import { buildModel, type LayerSpec } from '../../helpers/model-builder.js';

const input = diffInput;

const BASE: LayerSpec = {
  entries: [
    { path: 'etc', kind: 'dir' },
    { path: 'etc/os', size: 100 },
    { path: 'bin/sh', size: 1000 },
  ],
};
// A: base + app{build/{t1 250, t2 150}, config 40, current -> v1, data 500, run.sh 8 (0755)}
// B: base + app{config 40 (new content), current -> v2, data 800, new 60, run.sh 8 (0700)} + opt/tool/bin/x 70
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
const b0 = buildModel(
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
        { path: 'opt/tool/bin/x', size: 70 },
      ],
    },
  ],
  'b',
);
const b: ImageModel = rebuiltLayer(b0, 1);
const sideA = input(a);
const sideB = input(b);
const diff = diffImages(sideA, sideB);
const finals = [
  { image: a, tree: sideA.finalTree },
  { image: b, tree: sideB.finalTree },
] as const;

describe('buildChangeTree', () => {
  it('name order: changed paths with their directories, each directory coloured by where it exists', () => {
    const tree = buildChangeTree(diff.files, ...finals, 'name');
    const rows = Array.from({ length: tree.count }, (_, i) => [tree.paths.path(tree.pathId[i]!), DIFF_KINDS[tree.diff[i]!], tree.delta[i]]);
    expect(rows).toEqual([
      ['app', 'modified', -40], // 300 - 250 - 150 + 60
      ['app/build', 'removed', -400], // only A has it
      ['app/build/t1', 'removed', -250],
      ['app/build/t2', 'removed', -150],
      ['app/config', 'modified', 0],
      ['app/current', 'modified', 0],
      ['app/data', 'modified', 300],
      ['app/new', 'added', 60],
      ['app/run.sh', 'modified', 0],
      ['opt', 'added', 70], // only B has opt, opt/tool, opt/tool/bin
      ['opt/tool', 'added', 70],
      ['opt/tool/bin', 'added', 70],
      ['opt/tool/bin/x', 'added', 70],
    ]);
    expect(Array.from(tree.subtreeCount)).toEqual([9, 3, 1, 1, 1, 1, 1, 1, 1, 4, 3, 2, 1]);
    expect(Array.from(tree.parent)).toEqual([-1, 0, 1, 1, 0, 0, 0, 0, 0, -1, 9, 10, 11]);
    expect(Array.from(tree.depth)).toEqual([0, 1, 2, 2, 1, 1, 1, 1, 1, 0, 1, 2, 3]);
    // Both versions of a modified file, one of an added or removed one.
    const runSh = tree.indexOf(tree.paths.find('app/run.sh')!);
    expect([tree.before[runSh]!.mode, tree.after[runSh]!.mode]).toEqual([0o755, 0o700]);
    const t1 = tree.indexOf(tree.paths.find('app/build/t1')!);
    expect([tree.before[t1]!.size, tree.after[t1]]).toEqual([250, undefined]);
    expect(tree.change[0]).toBeUndefined(); // app itself did not change
  });

  it('size order: bytes changed (|B - A| summed), largest first, ties by name', () => {
    const tree = buildChangeTree(diff.files, ...finals, 'size');
    // app: 300 + 250 + 150 + 60 = 760 before opt's 70; in app: build 400, data 300, new 60, then the 0s by name.
    expect(Array.from({ length: tree.count }, (_, i) => tree.paths.path(tree.pathId[i]!))).toEqual([
      'app',
      'app/build',
      'app/build/t1',
      'app/build/t2',
      'app/data',
      'app/new',
      'app/config',
      'app/current',
      'app/run.sh',
      'opt',
      'opt/tool',
      'opt/tool/bin',
      'opt/tool/bin/x',
    ]);
    expect(tree.totalBytes[0]).toBe(760);
  });

  it('identical images: an empty tree', () => {
    const tree = buildChangeTree([], ...finals);
    expect(tree.count).toBe(0);
  });
});

describe('change rows', () => {
  const tree = buildChangeTree(diff.files, ...finals, 'name');
  const all = listVisibleRows(tree, null, new Set());
  const text = (style: TreeRowStyle) => buildTreeRows(tree, tree.paths, null, new Set(), all, 0, all.length, changeRowStyle(tree, style));

  it('without attributes: what changed, with both values; added and removed rows their size change', () => {
    expect(text({ ascii: false, attributes: false, diffMarkers: true }).map((r) => r.text)).toEqual([
      '~ ├── app',
      '- │   ├── build',
      '- │   │   ├── t1 (-250 B)',
      '- │   │   └── t2 (-150 B)',
      '~ │   ├── config (content)',
      '~ │   ├── current → v2 (link was v1)',
      '~ │   ├── data (content 500 B → 800 B)',
      '+ │   ├── new (+60 B)',
      '~ │   └── run.sh (mode 0755 → 0700)',
      '+ └── opt',
      '+     └── tool',
      '+         └── bin',
      '+             └── x (+70 B)',
    ]);
  });

  it('with attributes: B’s mode and owner (A’s for removed), the size change in the column', () => {
    const style = { ascii: true, attributes: true, diffMarkers: false };
    expect(changeTreeHeader(style)).toBe('Permission UID:GID   Change Filetree');
    const rows = text(style).map((r) => r.text);
    expect(rows[0]).toBe('drwxr-xr-x     0:0    -40 B |-- app');
    expect(rows[2]).toBe('-rw-r--r--     0:0   -250 B |   |   |-- t1');
    expect(rows[8]).toBe('-rwx------     0:0      0 B |   `-- run.sh (mode 0755 -> 0700)');
  });

  it('a hostile link target is escaped in the note', () => {
    const evil = buildChangeTree(
      [{ path: 'l', change: 'modified', aspects: ['link'], kind: 'symlink', sizeBefore: 0, sizeAfter: 0 }],
      {
        image: buildModel([{ entries: [{ path: 'l', kind: 'symlink', linkTarget: '\x1b[31mred' }] }]),
        tree: input(buildModel([{ entries: [{ path: 'l', kind: 'symlink', linkTarget: '\x1b[31mred' }] }])).finalTree,
      },
      {
        image: buildModel([{ entries: [{ path: 'l', kind: 'symlink', linkTarget: 'ok' }] }]),
        tree: input(buildModel([{ entries: [{ path: 'l', kind: 'symlink', linkTarget: 'ok' }] }])).finalTree,
      },
    );
    const rows = buildTreeRows(
      evil,
      evil.paths,
      null,
      new Set(),
      listVisibleRows(evil, null, new Set()),
      0,
      1,
      changeRowStyle(evil, { ascii: true, attributes: false, diffMarkers: false }),
    );
    expect(rows[0]!.text).toBe('`-- l -> ok (link was \\x1b[31mred)');
  });
});

describe('both layer lists', () => {
  it('marks shared layers and where the histories part; positions run on from A to B', () => {
    const rows = diffLayerRows(a, b, diff.layers);
    expect(rows.map((r) => (r.kind === 'layer' ? `${r.side}${r.index} ${r.position} ${r.shared ? '=' : ' '}` : r.text))).toEqual([
      'A: a',
      'a0 0 =',
      'histories part after layer 1',
      'a1 1  ',
      'B: b',
      'b0 2 =',
      'histories part after layer 1',
      'b1 3  ',
    ]);
  });

  it('summary lines: A → B with the change', () => {
    const lines = diffSummaryLines(diff);
    // A: 1100 + 40 + 500 + 250 + 150 + 8 = 2048; B: 1100 + 40 + 800 + 60 + 8 + 70 = 2078
    expect(lines[0]).toBe('size           2.0 kB → 2.1 kB  +30 B (+1.46 %)');
    expect(lines).toContain('shared layers: 1 (part at layer 2)');
    expect(lines).toContain('files: +2 -2 ~4 (+30 B)');
  });
});
