// Viewer keys that arrive in one read (typed ahead, pasted, batched by SSH) end where the same keys typed
// one by one end: each is resolved by the reducer against the state the keys before it left, and a key
// that needs a search's match or the file's end waits for it.
import { afterEach, describe, expect, test } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { KEYS, renderExplorer, sampleImage } from '../harness.js';
import { memoryReader } from './fake-content.js';
import { hundredLines, second } from './hundred-lines.js';

afterEach(() => cleanup());

const treeText = (frame: string): string =>
  frame
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│'))
    .join('\n');
describe('viewer keys in one chunk', () => {
  test('Enter / needle Enter n: n finds the second match, as typed slowly', async () => {
    const r = await hundredLines();
    // Slowly: the first match (line 30) shows from line 28; n moves on to line 60, shown from line 58.
    const f = await r.pressChunk([KEYS.enter, '/', 'needle', KEYS.enter, 'n'], (fr) => second(fr).includes('  58 │ line 58'));
    expect(f).toContain('  60 │ line 60 needle');
  });
  test('Enter / needle Enter j j: the moves start from the match', async () => {
    const r = await hundredLines();
    await r.pressChunk([KEYS.enter, '/', 'needle', KEYS.enter, 'j', 'j'], (fr) => second(fr).includes('  30 │ line 30 needle'));
  });
  test('Enter G k: k moves up from the last page', async () => {
    const r = await hundredLines();
    // 24 rows: 21 of text, so the last page starts at line 80; k shows line 79 on top.
    await r.pressChunk([KEYS.enter, 'G', 'k'], (fr) => second(fr).includes('  79 │ line 79') && fr.includes(' 99 │ line 99'));
  });
  test('letters typed after / go into the search, Esc cancels it, a later Esc closes the viewer', async () => {
    const r = await hundredLines();
    // n, w, d and q would each do something if they were read as keys rather than as search text;
    // Ctrl+B back in the tree hides the attribute columns, so the frame waited for is the one after every key.
    // (Not Esc Esc: Ink reports "\x1b\x1b" read at once as one Esc with meta, the same as one Esc.)
    const f = await r.pressChunk([KEYS.enter, '/', 'nwdq', KEYS.esc, 'w', KEYS.esc, KEYS.ctrl('b')], (fr) => !fr.includes('Permission'));
    console.log(JSON.stringify(f), r.quits());
    expect(r.quits()).toBe(0);
    expect(f).not.toContain('View:');
  });
  test('Enter / root Enter n Esc k: back in the tree with the cursor where it was, and k moves it', async () => {
    const { image, trees } = sampleImage();
    const passwd = image.paths.find('etc/passwd')!;
    const r = renderExplorer({ image, trees, content: memoryReader({ [`0:${passwd}`]: 'root:x:0:0\nroot again\n' }) });
    await r.waitForFrame((f) => f.includes('▶ Layers'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    await r.press('jjjj', (f) => /^>.*passwd/m.test(treeText(f)));
    const f = await r.pressChunk([KEYS.enter, '/', 'root', KEYS.enter, 'n', KEYS.esc, 'k'], (fr) => /^>.*etc/m.test(treeText(fr)));
    expect(f).toContain('Layer contents');
    expect(f).not.toContain('View:');
  });
  test('H j Enter: the history view jumps to the second layer that touched the path', async () => {
    const { image, trees } = sampleImage();
    const r = renderExplorer({ image, trees, content: memoryReader({}) });
    await r.waitForFrame((f) => f.includes('▶ Layers'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    await r.press('jjjj', (f) => /^>.*passwd/m.test(treeText(f)));
    const f = await r.pressChunk(['H', 'j', KEYS.enter], (fr) => fr.includes('Layers 2/3') && fr.includes('Layer contents'));
    expect(f).not.toContain('History:');
  });
  test('a status line goes away at the next key of the same chunk', async () => {
    const { image, trees } = sampleImage();
    const r = renderExplorer({ image, trees }); // no content reader: Enter only says so
    await r.waitForFrame((f) => f.includes('▶ Layers'));
    await r.press(KEYS.tab, (f) => f.includes('▶ Layer contents'));
    await r.press('jjjj', (f) => /^>.*passwd/m.test(treeText(f)));
    const f = await r.pressChunk([KEYS.enter, 'k'], (fr) => /^>.*etc/m.test(treeText(fr)));
    expect(f).not.toContain('contents not available');
  });
});
