// The image pane at the classic 80x24 with many layers, where the summary leaves its list no row: secrets
// found must still show (a line of their own), and the focused pane must show the list it scrolls. Rows
// worked out by hand from computeLayout: body 23, layer details 28% = 6, layers pane min(8 rows + title,
// half of the 17 left = 8) = 8, image pane 23 - 6 - 8 = 9 rows: rows 14 to 22 of the frame.
import { describe, expect, it } from 'vitest';
import type { ImageModel } from '../../../src/core/index.js';
import { buildModel } from '../../helpers/model-builder.js';
import { fakeAnalysis, fakeSource } from './fake-trees.js';
import { KEYS, renderExplorer } from './harness.js';

const SUMMARY = [
  'Size: 30 kB  Efficiency: 95.00 %',
  'Wasted: 1.5 kB (7.50 % of user)',
  `${'█'.repeat(18)}▓▒ 95.9% kept`,
  'Honest waste: 1.2 kB (█ kept)',
  '  ▓ overwrote 1.0 kB',
  '  ▒ deleted 200 B',
  '  ░ opaque-hidden 0 B',
];

/** Eight layers, each adding one file; layer 3 adds /app/.env. With `secrets`, one there and one in Env. */
function eightLayers(secrets: boolean, layers = 8) {
  const base = buildModel(
    Array.from({ length: layers }, (_, k) => ({
      command: `/bin/sh -c step-${k + 1}`,
      entries: [{ path: `opt/l${k}/data`, size: 100 * (k + 1) }, ...(k === 2 ? [{ path: 'app/.env', size: 90 }] : [])],
    })),
  );
  const scan = {
    findings: [{ rule: 'aws-secret-access-key', path: base.paths.find('app/.env')!, layer: 2, redacted: 'wJal…(40 chars)' }],
    configFindings: [{ rule: 'aws-access-key-id', field: 'env' as const, name: 'AWS_ACCESS_KEY_ID', redacted: 'AKIA…(20 chars)' }],
    scannedFiles: 9,
    skippedBinary: 0,
    skippedLarge: 0,
    skippedSystem: 0,
  };
  const image: ImageModel = secrets ? { ...base, secrets: scan } : base;
  const trees = fakeSource(image.paths, (k) => [
    { path: `opt/l${k}/data`, size: 100 * (k + 1), diff: 'added' },
    ...(k === 2 ? [{ path: 'app/.env', size: 90, diff: 'added' as const }] : []),
  ]);
  const analysis = fakeAnalysis([
    { path: 'etc/motd', count: 8, sizeBytes: 80 },
    { path: 'etc/hosts', count: 2, sizeBytes: 20 },
  ]);
  return { image, trees, analysis };
}

/** The left column (34 columns at 80) of frame rows `from` to `to`, trailing spaces dropped. */
const left = (frame: string, from: number, to: number, width = 34): string[] =>
  frame
    .split('\n')
    .slice(from, to + 1)
    .map((line) => line.slice(0, width).trimEnd());

describe('the image pane at 80x24 with eight layers', () => {
  it('says that secrets were found, and how to reach their list, where the list gets no row', async () => {
    const r = renderExplorer(eightLayers(true));
    let f = await r.waitForFrame((x) => x.includes('Layers 1/8'));
    expect(f.split('\n')).toHaveLength(24);
    expect(left(f, 14, 22)).toEqual(['  Image: test:image', 'Secrets: 2 found (Tab Tab: list)', ...SUMMARY]);
    // One Tab away once the tree has the keyboard.
    f = await r.press(KEYS.tab, (x) => x.includes('▶ Layer contents'));
    expect(left(f, 15, 15)).toEqual(['Secrets: 2 found (Tab: list)']);
    r.app.unmount();
  });

  it('focused, folds the summary to show four rows of the list; PgDn pages by those four; Enter on a finding goes to its file', async () => {
    const r = renderExplorer(eightLayers(true));
    await r.waitForFrame((x) => x.includes('Layers 1/8'));
    let f = await r.press(KEYS.tab + KEYS.tab, (x) => x.includes('▶ Image: test:image'));
    // 8 rows below the title: 4 list rows and the list header keep 3 summary lines.
    expect(left(f, 14, 22)).toEqual([
      '▶ Image: test:image',
      ...SUMMARY.slice(0, 3),
      'Secrets, then inefficient files 1…', // " 1-4/7" cut at the pane's edge
      'Secrets: 2 found in 9 text files …',
      '  aws-access-key-id  Env AWS_ACCE…',
      '  aws-secret-access-key  /app/.en…',
      'Count  Total Space  Path',
    ]);
    f = await r.press(KEYS.pgdn);
    expect(left(f, 19, 19)).toEqual(['    8         80 B  /etc/motd']); // list line 5 on top: 0 + 4
    f = await r.press(KEYS.pgup);
    await r.press('j');
    f = await r.press('j');
    expect(left(f, 19, 19)).toEqual(['  aws-secret-access-key  /app/.en…']);
    f = await r.press(KEYS.enter, (x) => x.includes('Layers 3/8'));
    expect(f).toMatch(/▶ Layer contents/);
    expect(f).toMatch(/^.*│>.*└── \.env \[/m); // the cursor row (>) is the file, marked '[secret]' (cut at 80)
    r.app.unmount();
  });

  it('without secrets, unfocused, is as it was: the whole summary, the header; focused it shows the files', async () => {
    const r = renderExplorer(eightLayers(false));
    let f = await r.waitForFrame((x) => x.includes('Layers 1/8'));
    expect(left(f, 14, 22)).toEqual(['  Image: test:image', ...SUMMARY, 'Count  Total Space  Path']);
    f = await r.press(KEYS.tab + KEYS.tab, (x) => x.includes('▶ Image: test:image'));
    // Two files: the header and 2 rows, 5 summary lines.
    expect(left(f, 14, 22)).toEqual([
      '▶ Image: test:image',
      ...SUMMARY.slice(0, 5),
      'Count  Total Space  Path',
      '    8         80 B  /etc/motd',
      '    2         20 B  /etc/hosts',
    ]);
    r.app.unmount();
  });

  it('with three layers the list has rows: no extra line, the findings in the list as before', async () => {
    const r = renderExplorer(eightLayers(true, 3));
    // Layers pane 3 + title = 4 rows: the image pane has 23 - 6 - 4 = 13, rows 10 to 22.
    const f = await r.waitForFrame((x) => x.includes('Layers 1/3'));
    expect(left(f, 10, 22)).toEqual([
      '  Image: test:image',
      ...SUMMARY,
      'Secrets, then inefficient files 1…',
      'Secrets: 2 found in 9 text files …',
      '  aws-access-key-id  Env AWS_ACCE…',
      '  aws-secret-access-key  /app/.en…',
      'Count  Total Space  Path',
    ]);
    r.app.unmount();
  });

  it('narrower than 80 columns keeps the count whole and leaves the keys out', async () => {
    // 60 columns: compact, a left column of 60 * 0.3 = 18; 'Secrets: 2 found (Tab Tab: list)' is 32.
    const r = renderExplorer(eightLayers(true), { columns: 60, rows: 24 });
    const f = await r.waitForFrame((x) => x.includes('Layers 1/8'));
    expect(left(f, 15, 15, 18)).toEqual(['Secrets: 2 found']);
    r.app.unmount();
  });
});
