// The viewer, file history and extract through Ink (ink-testing-library), with hostile file content.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, renderExplorer, sampleImage } from '../harness.js';
import { memoryReader } from './fake-content.js';
import { buildModel } from '../../../helpers/model-builder.js';
import { fakeSource } from '../fake-trees.js';
import { hundredLines, second } from './hundred-lines.js';

afterEach(() => cleanup());

const treeText = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');
const ready = (f: string) => f.includes('Layers 1/3');
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

/** The sample image (etc/passwd: added in layer 1, modified in 2, removed in 3) with a reader over `files`. */
function setup(files: (passwd: number) => Record<string, Uint8Array | string>, extract?: (layer: number, path: number) => Promise<string>) {
  const { image, trees } = sampleImage();
  const passwd = image.paths.find('etc/passwd')!;
  const content = memoryReader(files(passwd));
  const r = renderExplorer({ image, trees, content, ...(extract ? { extract } : {}) });
  return { r, content, passwd };
}

/** Focus the tree and put the cursor on etc/passwd (row 5 in every layer of the sample). */
async function toPasswd(r: ReturnType<typeof renderExplorer>) {
  await r.waitForFrame((f) => f.includes('▶ Layers'));
  await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
  await r.press('jjjj', (f) => /^>.*passwd/m.test(treeText(f)));
}

describe('file viewer', () => {
  test('hostile content is shown escaped, exactly like names; no byte reaches the terminal raw', async () => {
    const hostile = bytes(
      'root:x:0:0\n',
      '\x1b[31mred\x1b[0m \x1b]52;c;cHduZWQ=\x07\n',
      [0xff, 0xfe],
      ' bad\n',
      '\u202eevil\n',
      '\u009b2J c1\n',
    );
    const { r } = setup((p) => ({ [`0:${p}`]: hostile }));
    await toPasswd(r);
    const f = await r.press(KEYS.enter, (fr) => fr.includes('root:x:0:0'));
    expect(f).toContain('View: /etc/passwd · layer 1 of 3');
    expect(f).toContain('   1 │ root:x:0:0');
    expect(f).toContain('   2 │ \\x1b[31mred\\x1b[0m \\x1b]52;c;cHduZWQ=\\x07');
    expect(f).toContain('   3 │ \\xff\\xfe bad');
    expect(f).toContain('   4 │ \\u{202e}evil');
    expect(f).toContain('   5 │ \\x9b2J c1');
    for (const raw of ['\x1b]52', '\x07', '\u202e', '\u009b', '\x1b[31m', '\ufffd']) expect(f).not.toContain(raw);
  });
  // A line longer than the viewer's cut (4096 bytes) shows as several rows; the header counts the file's lines.
  test("the header counts the file's own lines, a long line once, and names the line a continuation belongs to", async () => {
    // Line 1 is 9000 bytes (3 rows), then 50 short lines: 51 lines in the file, 53 rows.
    const text = `${'x'.repeat(9000)}\n${Array.from({ length: 50 }, (_, i) => `line ${i + 2}\n`).join('')}`;
    const image = buildModel([{ command: 'ADD big.txt /', entries: [{ path: 'big.txt', size: text.length }] }]);
    const trees = fakeSource(image.paths, () => [{ path: 'big.txt', size: text.length }]);
    const r = renderExplorer({ image, trees, content: memoryReader({ [`0:${image.paths.find('big.txt')}`]: text }) });
    await r.waitForFrame((fr) => fr.includes('Layers 1/1'));
    await r.press(KEYS.tab, (fr) => fr.includes('▶ Layer contents'));
    let f = await r.press(KEYS.enter, (fr) => fr.includes('View: /big.txt'));
    f = await r.waitForFrame((fr) => / · line 1 of 51$/m.test(fr));
    f = await r.press('j', (fr) => fr !== f);
    expect(f).toMatch(/ · line 1 of 51$/m); // the top row continues line 1
    await r.press('jj', (fr) => / · line 2 of 51$/m.test(fr));
  });
  test('while a layer is brought from its source, says why the first file waits, then shows it', async () => {
    const { image, trees } = sampleImage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const content = {
      async read(_layer: number, _path: number, start: number, length: number) {
        await held;
        return new TextEncoder().encode('root:x:0:0\n').slice(start, start + length);
      },
    };
    const r = renderExplorer({ image, trees, content });
    await toPasswd(r);
    const waiting = await r.press(KEYS.enter, (f) => f.includes('Reading…'));
    expect(waiting).toContain('A first file of a layer waits while it is decompressed, fetched or exported.');
    release();
    const shown = await r.waitForFrame((f) => f.includes('   1 │ root:x:0:0'));
    expect(shown).not.toContain('Reading…');
  });
  test('Esc returns to the tree with the cursor where it was', async () => {
    const { r } = setup((p) => ({ [`0:${p}`]: 'x\n' }));
    await toPasswd(r);
    await r.press(KEYS.enter, (f) => f.includes('View: /etc/passwd'));
    const f = await r.press(KEYS.esc, (fr) => fr.includes('Layer contents'));
    expect(treeText(f)).toMatch(/^>.*└── passwd/m);
  });
  test('a file with NUL bytes is a hex dump', async () => {
    const { r } = setup((p) => ({ [`0:${p}`]: bytes([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x1b, 0x5b]) }));
    await toPasswd(r);
    const f = await r.press(KEYS.enter, (fr) => fr.includes('· hex') && fr.includes('|.[|'));
    expect(f).toContain('00000000  7f 45 4c 46 02 01 01 00  00 00 00 00 00 00 00 00  |.ELF............|');
    expect(f).toContain('00000010  1b 5b                                             |.[|');
    expect(f).toContain('· hex');
  });
  test('at the layer that removed the file, the viewer shows the version it removed', async () => {
    const { r, content } = setup((p) => ({ [`1:${p}`]: 'version of layer 2\n' }));
    await r.waitForFrame(ready);
    await r.press('G', (f) => f.includes('Layers 3/3'));
    await toPasswd(r);
    const f = await r.press(KEYS.enter, (fr) => fr.includes('version of layer 2'));
    expect(f).toContain('layer 3 of 3 · written by layer 2, removed here');
    expect(new Set(content.reads.map((read) => read.layer))).toEqual(new Set([1]));
  });
  test('d on a modified file: unified diff against the version before; d again: back to the file', async () => {
    const { r } = setup((p) => ({ [`0:${p}`]: 'root:x:0:0\nold:x:1:1\n', [`1:${p}`]: 'root:x:0:0\nnew:x:1:1\n' }));
    await r.waitForFrame(ready);
    await r.press('j', (f) => f.includes('Layers 2/3'));
    await toPasswd(r);
    await r.press(KEYS.enter, (f) => f.includes('new:x:1:1'));
    let f = await r.press('d', (fr) => fr.includes('+++ layer 2'));
    expect(f).toContain('Diff: /etc/passwd');
    const body = f.split('\n');
    const at = body.findIndex((l) => l.startsWith('--- layer 1'));
    expect(body.slice(at, at + 6)).toEqual(
      ['--- layer 1', '+++ layer 2', '@@ -1,2 +1,2 @@', ' root:x:0:0', '-old:x:1:1', '+new:x:1:1'].map((l) =>
        expect.stringMatching(`^${l.replace(/[+.*?^${}()|[\]\\]/g, '\\$&')} *$`),
      ),
    );
    f = await r.press('d', (fr) => fr.includes('View: /etc/passwd') && fr.includes('   2 │ new:x:1:1'));
    expect(f).not.toContain('+++ layer 2');
  });
  test('d on an added file says there is no earlier version', async () => {
    const { r } = setup((p) => ({ [`0:${p}`]: 'a\n' }));
    await toPasswd(r);
    await r.press(KEYS.enter, (f) => f.includes('   1 │ a'));
    await r.press('d', (f) => f.includes('No earlier version: added in layer 1.'));
  });
  test('/ searches, n finds the next match, a miss says so', async () => {
    const r = await hundredLines();
    await r.press(KEYS.enter, (f) => f.includes('   1 │ line 1'));
    await r.press('/', (f) => f.includes('/_'));
    await r.press('NEEDLE', (f) => f.includes('/NEEDLE_'));
    let f = await r.press(KEYS.enter, (fr) => second(fr).includes('  28 │ line 28')); // the match shows two lines below the top
    expect(f).toContain('  30 │ line 30 needle');
    f = await r.press('n', (fr) => second(fr).includes('  58 │ line 58'));
    f = await r.press('n', (fr) => second(fr).includes('  80 │ line 80')); // line 90 is on the last page (lines 80-100)
    expect(f).toContain('  90 │ line 90 needle');
    await r.press('n', (fr) => fr.includes('"NEEDLE" not found below'));
    await r.press('N', (fr) => fr.includes('  60 │ line 60 needle') && second(fr).includes('  58 │'));
  });
  test('n answered from lines already read draws one frame: the answer, not the unchanged screen first', async () => {
    const r = await hundredLines();
    await r.press(KEYS.enter, (f) => f.includes('   1 │ line 1'));
    await r.press('/', (f) => f.includes('/_'));
    await r.press('needle', (f) => f.includes('/needle_'));
    await r.press(KEYS.enter, (fr) => second(fr).includes('  28 │ line 28'));
    // Ink under test draws every commit (debug mode), so the frames between the key and its answer count them.
    const before = r.app.frames.length;
    await r.press('n', (fr) => second(fr).includes('  58 │ line 58'));
    expect(r.app.frames.length - before).toBe(1);
  });
  test('w wraps long lines onto more rows, with a blank gutter', async () => {
    const { r } = setup((p) => ({ [`0:${p}`]: `${'a'.repeat(100)}b\nnext\n` }));
    await toPasswd(r);
    const unwrapped = await r.press(KEYS.enter, (f) => f.includes('   2 │ next'));
    // Unwrapped, a long line is cut at the edge with its gutter whole, and the next line right below it.
    expect(unwrapped).toContain(`   1 │ ${'a'.repeat(80 - 7 - 1)}…\n   2 │ next`);
    const f = await r.press('w', (fr) => fr.includes('· wrap'));
    expect(f).toContain(`     │ ${'a'.repeat(100 - 73)}b`); // 80 columns - 7 of gutter = 73 per row
  });
  test('without a content reader Enter says so in the status line', async () => {
    const r = renderExplorer();
    await toPasswd(r);
    const f = await r.press(KEYS.enter, (fr) => fr.includes('contents not available for this source'));
    expect(f.split('\n')[23]).toContain('contents not available for this source');
  });
});

describe('file history and extract', () => {
  test('H lists every layer that touched the path; Enter jumps to that layer', async () => {
    const { r } = setup(() => ({}));
    await toPasswd(r);
    const f = await r.press('H', (fr) => fr.includes('History: /etc/passwd · 3 changes'));
    expect(f).toContain('Layer  Change             Size  Hash              Command');
    expect(f).toContain('    1  added             200 B  h:etc/passwd:200  ADD file:abc in /');
    expect(f).toContain('    2  modified          250 B  h:etc/passwd:250  RUN apk add curl');
    expect(f).toContain(`    3  removed               -  ${' '.repeat(16)}  RUN rm /etc/passwd`);
    await r.press('j', (fr) => fr.includes('>    2  modified'));
    await r.press(KEYS.enter, (fr) => fr.includes('Layers 2/3') && fr.includes('Layer contents'));
  });
  test('x extracts the selected path at the selected layer and shows the message escaped', async () => {
    const calls: [number, number][] = [];
    const { r, passwd } = setup(
      () => ({}),
      async (layer, path) => {
        calls.push([layer, path]);
        return 'extracted /etc/pass\x1bwd to ./passwd';
      },
    );
    await r.waitForFrame(ready);
    await r.press('j', (f) => f.includes('Layers 2/3'));
    await toPasswd(r);
    const f = await r.press('x', (fr) => fr.includes('extracted /etc/pass\\x1bwd to ./passwd'));
    expect(calls).toEqual([[1, passwd]]);
    expect(f).not.toContain('pass\x1bwd');
  });
  test('a failed extract shows its one-line error', async () => {
    const { r } = setup(
      () => ({}),
      async () => {
        throw new Error('./passwd exists: not overwritten\nstack');
      },
    );
    await toPasswd(r);
    await r.press('x', (f) => f.includes('extract failed: ./passwd exists: not overwritten'));
  });
});
