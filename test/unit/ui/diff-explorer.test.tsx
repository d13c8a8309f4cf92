// The diff explorer through Ink (ink-testing-library) on two images built by hand, with their files'
// bytes in memory: move, fold, filter, hide a kind, and Enter on a modified, an added and a removed file.
import { render, cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, test } from 'vitest';
import { diffImages, type ImageModel } from '../../../src/core/index.js';
import { DiffExplorer } from '../../../src/ui/diff/diff-explorer.js';
import { DEFAULT_KEYMAP } from '../../../src/ui/keymap.js';
import { diffInput, rebuiltLayer } from '../../helpers/diff-input.js';
import { buildModel } from '../../helpers/model-builder.js';
import { KEYS } from './harness.js';
import { memoryReader } from './viewer/fake-content.js';

afterEach(() => cleanup());

const OLD = 'name=app\nport=80\nend\n';
const NEW = 'name=app\nport=8080\nend\n';
const BASE = { entries: [{ path: 'etc/os', size: 100 }] };

// A: app/{config.txt (OLD), gone.txt, build/t1 \x1b[31m}; B: app/{config.txt (NEW), new.txt}, opt/x.
const a = buildModel(
  [
    BASE,
    {
      entries: [
        { path: 'app/config.txt', size: OLD.length, hash: 'old' },
        { path: 'app/gone.txt', size: 4 },
        { path: 'app/build/t1\x1b[31m', size: 250 },
      ],
    },
  ],
  'app:1',
);
const b0 = buildModel(
  [
    BASE,
    {
      entries: [
        { path: 'app/config.txt', size: NEW.length, hash: 'new' },
        { path: 'app/new.txt', size: 10 },
        { path: 'opt/x', size: 70 },
      ],
    },
  ],
  'app:2',
);
const b: ImageModel = rebuiltLayer(b0, 1);
const input = diffInput;
const id = (image: ImageModel, path: string) => image.paths.find(path)!;

// Layer 1 (0-based) wrote every app file of either image.
const appContent = () => ({
  a: memoryReader({ [`1:${id(a, 'app/config.txt')}`]: OLD, [`1:${id(a, 'app/gone.txt')}`]: 'bye\n' }),
  b: memoryReader({ [`1:${id(b, 'app/config.txt')}`]: NEW, [`1:${id(b, 'app/new.txt')}`]: 'hello new\n' }),
});

function renderDiff(images = { a, b }, content = appContent()) {
  const sideA = input(images.a);
  const sideB = input(images.b);
  const app = render(
    <DiffExplorer
      diff={diffImages(sideA, sideB)}
      a={sideA}
      b={sideB}
      keymap={DEFAULT_KEYMAP}
      color={false}
      ascii={false}
      columns={140}
      rows={24}
      content={content}
      onQuit={() => {}}
    />,
  );
  const frame = (): string => app.lastFrame() ?? '';
  const waitFor = async (predicate: (f: string) => boolean): Promise<string> => {
    const start = Date.now();
    for (;;) {
      if (predicate(frame())) return frame();
      if (Date.now() - start > 3000) throw new Error(`frame never matched; last frame:\n${frame()}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const press = async (keys: string, until: (f: string) => boolean) => {
    app.stdin.write(keys);
    return waitFor(until);
  };
  return { frame, waitFor, press, content, frames: () => app.frames.length };
}

/** The tree pane's rows (right of the first │). */
const tree = (f: string): string[] =>
  f
    .split('\n')
    .map((l) => l.split('│').slice(1).join('│').trimEnd())
    .filter((l) => l !== '');

describe('diff explorer', () => {
  test('the changed paths with their directories; both layer lists with the shared layer marked', async () => {
    const r = renderDiff();
    const f = await r.waitFor((x) => x.includes('Changes A → B'));
    expect(f).toContain('A: app:1');
    expect(f).toContain('B: app:2');
    expect(f).toMatch(/●= {2}1 {2}100 B/); // A's base, selected, shared with B
    expect(f).toContain('histories part after layer 1');
    // Name order; directories with their size change; the hostile name escaped.
    expect(tree(f).slice(2)).toEqual([
      '>~ drwxr-xr-x     0:0   -242 B ├── app',
      ' - drwxr-xr-x     0:0   -250 B │   ├── build',
      ' - -rw-r--r--     0:0   -250 B │   │   └── t1\\x1b[31m',
      ' ~ -rw-r--r--     0:0     +2 B │   ├── config.txt (content 21 B → 23 B)',
      ' - -rw-r--r--     0:0     -4 B │   ├── gone.txt',
      ' + -rw-r--r--     0:0    +10 B │   └── new.txt',
      ' + drwxr-xr-x     0:0    +70 B └── opt',
      ' + -rw-r--r--     0:0    +70 B     └── x',
    ]);
    expect(f).not.toContain('\x1b[31m');
  });

  test('move, fold, filter and hide removed, with the main explorer’s keys', async () => {
    const r = renderDiff();
    await r.waitFor((x) => x.includes('Changes A → B'));
    let f = await r.press(KEYS.tab, (x) => x.includes('▶ Changes'));
    f = await r.press('j', (x) => tree(x).some((l) => l.startsWith('>- drwx')));
    f = await r.press(KEYS.space, (x) => x.includes('├─⊕ build'));
    expect(tree(f)).not.toContain(' - -rw-r--r--     0:0   -250 B │   │   └── t1\\x1b[31m');
    f = await r.press(KEYS.ctrl('r'), (x) => x.includes('[hiding removed]'));
    expect(tree(f).join('\n')).not.toMatch(/gone\.txt|build/);
    f = await r.press(KEYS.ctrl('r'), (x) => !x.includes('[hiding'));
    f = await r.press('/new', (x) => x.includes('Filter: new_'));
    expect(tree(f).slice(3)).toEqual(['>~ drwxr-xr-x     0:0   -242 B └── app', ' + -rw-r--r--     0:0    +10 B     └── new.txt']);
    f = await r.press(KEYS.esc, (x) => !x.includes('Filter:'));
    f = await r.press(KEYS.ctrl('o'), (x) => x.includes('[by size]'));
    // By bytes changed: app (250 + 2 + 4 + 10 = 266) before opt (70); in app, build (250) first.
    expect(tree(f)[2]).toContain('├── app');
    expect(tree(f)[3]).toContain('├─⊕ build');
  });

  test("Enter on a modified text file: A's version against B's as a unified diff", async () => {
    const r = renderDiff();
    await r.waitFor((x) => x.includes('Changes A → B'));
    await r.press(KEYS.tab, (x) => x.includes('▶ Changes'));
    await r.press('jjj', (x) => tree(x).some((l) => l.startsWith('>~') && l.includes('config.txt')));
    const f = await r.press(KEYS.enter, (x) => x.includes('+port=8080'));
    expect(f).toContain('Diff: /app/config.txt');
    expect(f.split('\n').slice(1, 8)).toEqual([
      '--- A /app/config.txt',
      '+++ B /app/config.txt',
      '@@ -1,3 +1,3 @@',
      ' name=app',
      '-port=80',
      '+port=8080',
      ' end',
    ]);
    await r.press(KEYS.esc, (x) => x.includes('Changes A → B'));
  });

  test('Enter on an added file shows B’s version, on a removed file A’s', async () => {
    const r = renderDiff();
    await r.waitFor((x) => x.includes('Changes A → B'));
    await r.press(KEYS.tab, (x) => x.includes('▶ Changes'));
    await r.press('jjjjj', (x) => tree(x).some((l) => l.startsWith('>+') && l.includes('new.txt')));
    let f = await r.press(KEYS.enter, (x) => x.includes('hello new'));
    expect(f).toContain('Added in B: /app/new.txt');
    await r.press(KEYS.esc, (x) => x.includes('Changes A → B'));
    await r.press('k', (x) => tree(x).some((l) => l.startsWith('>-') && l.includes('gone.txt')));
    f = await r.press(KEYS.enter, (x) => x.includes('bye'));
    expect(f).toContain('Removed in B: /app/gone.txt');
    expect(r.content.a.reads.every((read) => read.path === id(a, 'app/gone.txt'))).toBe(true);
  });

  test('n in the diff draws one frame, its answer: the request for the search draws none', async () => {
    // 100 lines, "needle" added to lines 30, 60 and 90: three hunks of 9 lines after the two headers (29 in all).
    const text = (needles: boolean) =>
      Array.from({ length: 100 }, (_, i) => `line ${i + 1}${needles && i % 30 === 29 ? ' needle' : ''}\n`).join('');
    const side = (needles: boolean, name: string) =>
      buildModel([BASE, { entries: [{ path: 'f', size: text(needles).length, hash: name }] }], `f:${name}`);
    const images = { a: side(false, 'old'), b: rebuiltLayer(side(true, 'new'), 1) };
    const f = (image: ImageModel) => `1:${id(image, 'f')}`;
    const r = renderDiff(images, { a: memoryReader({ [f(images.a)]: text(false) }), b: memoryReader({ [f(images.b)]: text(true) }) });
    await r.waitFor((x) => x.includes('Changes A → B'));
    await r.press(KEYS.tab, (x) => x.includes('▶ Changes'));
    await r.press('j', (x) => tree(x).some((l) => l.startsWith('>~') && l.includes('── f')));
    await r.press(KEYS.enter, (x) => x.includes('line 1 of 29'));
    await r.press('/needle', (x) => x.includes('/needle_'));
    await r.press(KEYS.enter, (x) => x.includes('line 6 of 29')); // the first match (line 8) two lines below the top
    // Ink under test draws every commit: the frames from the key to its answer count them.
    const before = r.frames();
    await r.press('n', (x) => x.includes('line 9 of 29')); // line 17, on the last page
    expect(r.frames() - before).toBe(1);
  });
});
