// Renders the explorer with ink-testing-library over a small image, and waits for frames instead of sleeping.
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import type { ImageModel, TreeSource } from '../../../src/core/index.js';
import { Explorer, type ExplorerProps } from '../../../src/ui/explorer.js';
import { DEFAULT_KEYMAP } from '../../../src/ui/keymap.js';
import { buildModel } from '../../helpers/model-builder.js';
import { fakeAnalysis, fakeSource, type FakeNode } from './fake-trees.js';

export const KEYS = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pgup: '\x1b[5~',
  pgdn: '\x1b[6~',
  tab: '\t',
  esc: '\x1b',
  enter: '\r',
  backspace: '\x7f',
  space: ' ',
  ctrl: (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 96),
  ctrlSpace: '\x00',
} as const;

export class FakeTerminal extends EventEmitter {
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** Three layers: a base, one adding and modifying, one removing; with a few files in nested dirs. */
export function sampleImage(): { image: ImageModel; trees: TreeSource } {
  const image = buildModel([
    {
      command: '/bin/sh -c #(nop) ADD file:abc in / ',
      entries: [
        { path: 'bin', kind: 'dir' },
        { path: 'bin/sh', size: 1000 },
        { path: 'etc/passwd', size: 200 },
      ],
    },
    {
      command: '/bin/sh -c apk add curl',
      entries: [
        { path: 'usr/bin/curl', size: 5000 },
        { path: 'etc/passwd', size: 250 },
      ],
    },
    { command: '/bin/sh -c rm /etc/passwd', entries: [{ path: 'etc/passwd', kind: 'whiteout' }] },
  ]);
  const history = [
    image.history[0]!,
    { createdBy: '/bin/sh -c #(nop)  ENV PATH=/usr/bin' },
    image.history[1]!,
    image.history[2]!,
    { createdBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
  ];
  const base: FakeNode[] = [
    { path: 'bin', kind: 'dir' },
    { path: 'bin/sh', size: 1000 },
    { path: 'bin/ln', kind: 'symlink', linkTarget: 'sh' },
    { path: 'etc', kind: 'dir' },
    { path: 'etc/passwd', size: 200 },
  ];
  const trees = fakeSource(image.paths, (k, mode) => {
    if (k === 0) return base.map((n) => ({ ...n, diff: 'added' as const }));
    const added: FakeNode[] = [
      { path: 'usr/bin/curl', size: 5000, diff: 'added' },
      { path: 'usr', kind: 'dir', diff: 'added' },
      { path: 'usr/bin', kind: 'dir', diff: 'added' },
    ];
    if (k === 1) return [...base.filter((n) => n.path !== 'etc/passwd'), { path: 'etc/passwd', size: 250, diff: 'modified' }, ...added];
    return [
      ...base.filter((n) => n.path !== 'etc/passwd'),
      { path: 'etc/passwd', size: 250, diff: 'removed' },
      ...added.map((n) => ({ ...n, diff: mode === 'layer' ? ('unchanged' as const) : n.diff })),
    ];
  });
  return { image: { ...image, history }, trees };
}

export function renderExplorer(overrides: Partial<ExplorerProps> = {}, size = { columns: 80, rows: 24 }) {
  const { image, trees } = sampleImage();
  const terminal = new FakeTerminal(size.columns, size.rows);
  let quits = 0;
  const props: ExplorerProps = {
    image,
    trees,
    analysis: fakeAnalysis([{ path: 'etc/passwd', count: 3, sizeBytes: 450 }]),
    keymap: DEFAULT_KEYMAP,
    color: false,
    ascii: false,
    columns: size.columns,
    rows: size.rows,
    sizeSource: terminal,
    onQuit: () => {
      quits++;
    },
    ...overrides,
  };
  const app = render(<Explorer {...props} />);
  const frame = (): string => app.lastFrame() ?? '';
  /** Resolves once the latest frame satisfies `predicate`; fails with the last frame after `timeoutMs`. */
  const waitForFrame = async (predicate: (frame: string) => boolean, timeoutMs = 3000): Promise<string> => {
    const start = Date.now();
    for (;;) {
      const now = frame();
      if (predicate(now)) return now;
      if (Date.now() - start > timeoutMs) throw new Error(`frame never matched; last frame:\n${now}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  /** Sends keys and waits for the frame to change (or to satisfy `until`). */
  const press = async (keys: string, until?: (frame: string) => boolean): Promise<string> => {
    const before = frame();
    app.stdin.write(keys);
    return waitForFrame(until ?? ((f) => f !== before));
  };
  /**
   * Writes every key in ONE chunk (as a paste, keys typed ahead or an SSH link deliver them) and waits
   * until `until` holds: each key must act on the state the keys before it left, not on the last frame.
   */
  const pressChunk = async (keys: readonly string[], until: (frame: string) => boolean): Promise<string> => {
    app.stdin.write(keys.join(''));
    return waitForFrame(until);
  };
  return { app, terminal, frame, waitForFrame, press, pressChunk, quits: () => quits };
}
