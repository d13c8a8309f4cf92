import { describe, expect, test } from 'vitest';
import { PathTable } from '../../../src/core/index.js';
import {
  IMAGE_SUMMARY_LINE_COUNT,
  imageSummaryLines,
  imageTitle,
  inefficientFileLines,
  layerDetailLines,
} from '../../../src/presentation/details.js';
import { buildLayerRows, displayCommand, layerRowPositions } from '../../../src/presentation/layer-rows.js';
import { buildTreeRows, modeString, treeHeader } from '../../../src/presentation/tree-rows.js';
import { listVisibleRows } from '../../../src/presentation/tree-visibility.js';
import { buildModel } from '../../helpers/model-builder.js';
import { fakeAnalysis, fakeTree } from '../ui/fake-trees.js';

describe('tree rows', () => {
  const paths = new PathTable();
  const tree = fakeTree(paths, [
    { path: 'bin/sh', size: 1500, diff: 'added', mode: 0o4755 },
    { path: 'bin/ls', kind: 'symlink', linkTarget: 'sh\x1b[2J', diff: 'added' },
    { path: 'etc/evil\x1b]0;x\x07', size: 3, diff: 'removed', uid: 1000, gid: 50 },
  ]);
  const rows = listVisibleRows(tree, null, new Set());
  const text = (style: Parameters<typeof buildTreeRows>[7], collapsed = new Set<number>()) =>
    buildTreeRows(tree, paths, null, collapsed, listVisibleRows(tree, null, collapsed), 0, 100, style).map((r) => r.text);

  test('unicode guides, symlink targets, escaped names', () => {
    expect(text({ ascii: false, attributes: false, diffMarkers: false })).toEqual([
      '├── bin',
      '│   ├── ls → sh\\x1b[2J',
      '│   └── sh',
      '└── etc',
      '    └── evil\\x1b]0;x\\x07',
    ]);
  });
  test('ASCII guides, attributes and diff markers', () => {
    expect(text({ ascii: true, attributes: true, diffMarkers: true })).toEqual([
      '  drwxr-xr-x     0:0  1.5 kB |-- bin', // implied parents are unchanged in the fake tree
      '+ lrw-r--r--     0:0     0 B |   |-- ls -> sh\\x1b[2J',
      '+ -rwsr-xr-x     0:0  1.5 kB |   `-- sh',
      '  drwxr-xr-x     0:0     3 B `-- etc',
      '- -rw-r--r-- 1000:50     3 B     `-- evil\\x1b]0;x\\x07',
    ]);
    expect(treeHeader({ ascii: true, attributes: true, diffMarkers: true })).toBe('   Permission UID:GID    Size Filetree');
  });
  test('a folded directory is marked', () => {
    expect(text({ ascii: false, attributes: false, diffMarkers: false }, new Set([paths.find('bin')!]))).toEqual([
      '├─⊕ bin',
      '└── etc',
      '    └── evil\\x1b]0;x\\x07',
    ]);
  });
  test('only the rows asked for are built', () => {
    const some = buildTreeRows(tree, paths, null, new Set(), rows, 1, 3, { ascii: false, attributes: false, diffMarkers: false });
    expect(some.map((r) => r.node)).toEqual([rows[1], rows[2]]);
    expect(some[0]!.diff).toBe('added');
  });
  test('hardlinks show what they link to', () => {
    const p = new PathTable();
    const t = fakeTree(p, [
      { path: 'bin/busybox', size: 10 },
      { path: 'bin/sh', kind: 'hardlink', linkTarget: 'bin/busybox' },
    ]);
    const out = buildTreeRows(t, p, null, new Set(), listVisibleRows(t, null, new Set()), 0, 9, {
      ascii: true,
      attributes: false,
      diffMarkers: false,
    });
    expect(out.map((r) => r.text)).toEqual(['`-- bin', '    |-- busybox', '    `-- sh => /bin/busybox']);
  });
  test("opaque directories are marked, from the selected layer's own tree", () => {
    const p = new PathTable();
    const layer = fakeTree(p, [
      { path: 'web', kind: 'dir', opaque: true },
      { path: 'web/index.html', size: 1 },
    ]);
    const compared = fakeTree(p, [
      { path: 'etc/x', size: 1 },
      { path: 'web/index.html', size: 1 },
    ]);
    const style = { ascii: true, attributes: false, diffMarkers: false };
    const text = (t: typeof layer, from?: typeof layer) =>
      buildTreeRows(t, p, null, new Set(), listVisibleRows(t, null, new Set()), 0, 9, style, from).map((r) => r.text);
    expect(text(layer)).toEqual(['`-- web [opaque]', '    `-- index.html']);
    expect(text(compared, layer)).toEqual(['|-- etc', '|   `-- x', '`-- web [opaque]', '    `-- index.html']);
    expect(text(compared)).not.toContain('`-- web [opaque]');
  });
  test('modeString', () => {
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('file', 0o2644)).toBe('-rw-r-Sr--');
    expect(modeString('fifo', 0o600)).toBe('prw-------');
  });
});

describe('layer rows and details', () => {
  const image = buildModel([
    { command: '/bin/sh -c #(nop) ADD file:1 in / ', entries: [{ path: 'a', size: 10 }] },
    { command: 'RUN /bin/sh -c apt-get\n  install x # buildkit', entries: [{ path: 'b', size: 2000 }] },
  ]);
  const withHistory = { ...image, history: [image.history[0]!, { createdBy: '/bin/sh -c #(nop)  ENV A=1' }, image.history[1]!] };

  test('commands lose the shell wrapper and newlines', () => {
    expect(displayCommand('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(displayCommand('/bin/sh -c apk add x')).toBe('RUN apk add x');
    expect(displayCommand('RUN /bin/sh -c a\n b # buildkit')).toBe('RUN /bin/sh -c a b');
    expect(displayCommand('echo \x1b[31m')).toBe('echo \\x1b[31m');
    // Only the spaces, tabs and newlines of a multi-line RUN fold; CR, VT, FF and NEL stay visible.
    expect(displayCommand('RUN a \\\n\t&& b\rc\vd\fe\u0085f\u2028g')).toBe('RUN a \\\\ && b\\x0dc\\x0bd\\x0ce\\x85f\\u{2028}g');
  });
  test('history steps in order, empty steps between layers', () => {
    const rows = buildLayerRows(withHistory);
    expect(rows.map((r) => (r.kind === 'layer' ? `L${r.layerIndex}` : `- ${r.command}`))).toEqual(['L0', '- ENV A=1', 'L1']);
    expect(layerRowPositions(rows)).toEqual([0, 2]);
  });
  test('layers no history step names still appear', () => {
    expect(buildLayerRows({ ...image, history: [] }).map((r) => r.kind)).toEqual(['layer', 'layer']);
  });
  test('the BuildKit boilerplate comment is left out, a real one kept', () => {
    const layer = (comment: string) => ({ ...image, layers: [{ ...image.layers[0]!, comment }] });
    expect(layerDetailLines(layer('buildkit.dockerfile.v0'), 0).map((l) => l.label)).not.toContain('Comment');
    expect(layerDetailLines(layer('imported from tarball'), 0).find((l) => l.label === 'Comment')!.value).toBe('imported from tarball');
  });
  test('layer details: ids, size, whole command last', () => {
    const lines = layerDetailLines(image, 1);
    expect(lines[0]!.value).toMatch(/^sha256:0+1$/);
    expect(lines.at(-1)).toEqual({ label: 'Command', value: 'RUN /bin/sh -c apt-get install x' });
    expect(lines.find((l) => l.label === 'Size')!.value).toBe('2.0 kB');
  });
  test('image summary and inefficient files', () => {
    const analysis = fakeAnalysis([{ path: 'etc/x\x1b', count: 3, sizeBytes: 4500 }]);
    const summary = imageSummaryLines(analysis).join('\n');
    expect(imageTitle({ ...image, os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('Image: test:image (linux/arm64/v8)');
    expect(imageSummaryLines(analysis).every((l) => l.length <= 34)).toBe(true);
    // The image pane's rows (ui/layout.ts imagePaneRows, which the reducer pages with) count on 7.
    expect(imageSummaryLines(analysis)).toHaveLength(IMAGE_SUMMARY_LINE_COUNT);
    expect(IMAGE_SUMMARY_LINE_COUNT).toBe(7);
    expect(summary).toContain('Efficiency: 95.00 %');
    expect(summary).toContain('Wasted: 1.5 kB (7.50 % of user)');
    expect(summary).toContain('Honest waste: 1.2 kB (█ kept)\n  ▓ overwrote 1.0 kB\n  ▒ deleted 200 B\n  ░ opaque-hidden 0 B');
    // 28,000 kept + 1,000 overwritten + 200 deleted of 29,200 written, in 20 cells: 19.18 / 0.68 / 0.14
    // -> 19 + the minimum cell for each non-zero part, taken back from the largest: 18 / 1 / 1
    expect(summary).toContain(`${'█'.repeat(18)}▓▒ 95.9% kept`);
    expect(imageSummaryLines(analysis, true).join('\n')).toContain(
      `${'#'.repeat(18)}=- 95.9% kept\nHonest waste: 1.2 kB (# kept)\n  = overwrote`,
    );
    expect(inefficientFileLines(analysis)).toEqual(['    3       4.5 kB  /etc/x\\x1b']);
  });
});
