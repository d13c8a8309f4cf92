// Golden text of the tree pane under scripted actions: collapse, page down, filter, hide added.
import { cleanup } from 'ink-testing-library';
import { afterAll, expect, test } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { fakeSource, type FakeNode } from './fake-trees.js';
import { KEYS, renderExplorer } from './harness.js';

afterAll(() => cleanup());

const image = buildModel([
  { command: 'base', entries: [{ path: 'x', size: 1 }] },
  { command: 'app', entries: [{ path: 'y', size: 1 }] },
]);
const nodes: FakeNode[] = [
  { path: 'bin/busybox', size: 900_000 },
  { path: 'bin/sh', kind: 'symlink', linkTarget: 'busybox' },
  { path: 'etc/hosts', size: 120, diff: 'modified' },
  { path: 'etc/group', size: 80 },
  ...Array.from({ length: 30 }, (_, i): FakeNode => ({
    path: `srv/data/item-${String(i).padStart(2, '0')}.json`,
    size: 1000 + i,
    diff: 'added',
  })),
  { path: 'tmp/cache.bin', size: 5000, diff: 'removed' },
];
const trees = fakeSource(image.paths, () => nodes);

/** The tree pane: right of the divider (the left column is 34 wide at 80 columns), trailing spaces trimmed. */
const pane = (frame: string): string =>
  `\n${frame
    .split('\n')
    .slice(0, 23)
    .map((l) => l.slice(35).trimEnd())
    .join('\n')}\n`;

test('tree pane golden text under collapse, page down, filter and hide-added', async () => {
  const r = renderExplorer({ image, trees, ascii: true }, { columns: 80, rows: 24 });
  await r.waitForFrame((f) => f.includes('Layers 1/2'));
  await r.press(KEYS.tab, (f) => f.includes('> Layer contents'));
  // Without attributes, so the names themselves are in the golden text.
  const start = await r.press(KEYS.ctrl('b'), (f) => !f.includes('Permission'));
  expect(pane(start)).toMatchInlineSnapshot(`
    "
    > Layer contents
       Filetree
    >  |-- bin
       |   |-- busybox
       |   \`-- sh -> busybox
       |-- etc
       |   |-- group
     ~ |   \`-- hosts
       |-- srv
       |   \`-- data
     + |       |-- item-00.json
     + |       |-- item-01.json
     + |       |-- item-02.json
     + |       |-- item-03.json
     + |       |-- item-04.json
     + |       |-- item-05.json
     + |       |-- item-06.json
     + |       |-- item-07.json
     + |       |-- item-08.json
     + |       |-- item-09.json
     + |       |-- item-10.json
     + |       |-- item-11.json
     + |       |-- item-12.json
    "
  `);

  await r.press('jjj', (f) => f.includes('>  |-- etc'));
  const folded = await r.press(KEYS.space, (f) => f.includes('|-+ etc'));
  expect(pane(folded)).toMatchInlineSnapshot(`
    "
    > Layer contents
       Filetree
       |-- bin
       |   |-- busybox
       |   \`-- sh -> busybox
    >  |-+ etc
       |-- srv
       |   \`-- data
     + |       |-- item-00.json
     + |       |-- item-01.json
     + |       |-- item-02.json
     + |       |-- item-03.json
     + |       |-- item-04.json
     + |       |-- item-05.json
     + |       |-- item-06.json
     + |       |-- item-07.json
     + |       |-- item-08.json
     + |       |-- item-09.json
     + |       |-- item-10.json
     + |       |-- item-11.json
     + |       |-- item-12.json
     + |       |-- item-13.json
     + |       |-- item-14.json
    "
  `);

  const paged = await r.press(KEYS.pgdn, (f) => f !== folded);
  expect(pane(paged)).toMatchInlineSnapshot(`
    "
    > Layer contents
       Filetree
     + |       |-- item-11.json
     + |       |-- item-12.json
     + |       |-- item-13.json
     + |       |-- item-14.json
     + |       |-- item-15.json
     + |       |-- item-16.json
     + |       |-- item-17.json
    >+ |       |-- item-18.json
     + |       |-- item-19.json
     + |       |-- item-20.json
     + |       |-- item-21.json
     + |       |-- item-22.json
     + |       |-- item-23.json
     + |       |-- item-24.json
     + |       |-- item-25.json
     + |       |-- item-26.json
     + |       |-- item-27.json
     + |       |-- item-28.json
     + |       \`-- item-29.json
       \`-- tmp
     -     \`-- cache.bin
    "
  `);

  await r.press('/', (f) => f.includes('Filter: _'));
  const filtered = await r.press('item-2', (f) => f.includes('Filter: item-2_'));
  expect(pane(filtered)).toMatchInlineSnapshot(`
    "
    > Layer contents
    Filter: item-2_
       Filetree
    >  \`-- srv
           \`-- data
     +         |-- item-20.json
     +         |-- item-21.json
     +         |-- item-22.json
     +         |-- item-23.json
     +         |-- item-24.json
     +         |-- item-25.json
     +         |-- item-26.json
     +         |-- item-27.json
     +         |-- item-28.json
     +         \`-- item-29.json








    "
  `);

  await r.press(KEYS.esc, (f) => !f.includes('Filter:'));
  const noAdded = await r.press(KEYS.ctrl('a'), (f) => f.includes('[hiding added]'));
  expect(pane(noAdded)).toMatchInlineSnapshot(`
    "
    > Layer contents [hiding added]
       Filetree
    >  |-- bin
       |   |-- busybox
       |   \`-- sh -> busybox
       |-+ etc
       |-- srv
       |   \`-- data
       \`-- tmp
     -     \`-- cache.bin













    "
  `);
});
