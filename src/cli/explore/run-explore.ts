// `layerscope SOURCE`: read the image (a progress line on stderr meanwhile), then the explorer in the
// alternate screen until the user quits. Returns the exit code; errors from `load` propagate.
import { openSync } from 'node:fs';
import { analyzeImage, ImageTrees, LayerscopeError, type ContentReader, type ImageModel, type PathId } from '../../core/index.js';
import type { ReadProgress } from '../../io/read-options.js';
import { localeIsUtf8 } from '../../ui/theme.js';
import { progressLine } from '../progress-line.js';
import { loadKeymap } from './key-config.js';
import { startAfterFirstFrame } from './cache-fills.js';
import { requiredOnUse } from '../../io/required-on-use.js';

// Loaded only when the keyboard is not stdin: this module is in the bundle's main chunk, which `--json` loads.
const tty = requiredOnUse<typeof import('node:tty')>('node:tty');

export interface ExploreOptions {
  readonly color: boolean;
  readonly ascii: boolean;
  readonly keyConfigPath?: string;
  /** What the progress line calls the image while it is read (what the user typed). */
  readonly label?: string;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** File contents for the viewer (Enter) and extract (x): opened once the image is read, closed after. */
  readonly content?: (image: ImageModel) => ExplorerContent;
  /** Work for once the explorer is drawn (filling the layer cache), stopped when it closes. */
  readonly afterFirstFrame?: (signal: AbortSignal) => Promise<void>;
}

/** What the explorer reads file bytes with, and extracts with (a one-line, unescaped message). */
export interface ExplorerContent {
  readonly reader: ContentReader;
  readonly extract?: (layer: number, path: PathId) => Promise<string>;
  close(): Promise<void> | void;
}

/** The keyboard: stdin when it is a terminal, else the controlling terminal (stdin may carry an archive). */
export function keyboard(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
  if (stdin.isTTY) return stdin;
  try {
    return new (tty().ReadStream)(openSync('/dev/tty', 'r')) as NodeJS.ReadStream;
  } catch {
    throw new LayerscopeError(
      'usage',
      'the explorer needs a keyboard, but there is no terminal to read it from',
      'run it in a terminal, or use --json FILE / --ci for scripts',
    );
  }
}

/**
 * Ink decides once, when first imported, that it runs "in CI" if CI is set in the environment, and then
 * draws nothing until exit. The explorer only starts on a real terminal, so load it with those variables
 * hidden; they are put back right after. React likewise picks its build when first imported: without
 * NODE_ENV=production it loads the development build, which doubles the time of every frame
 * (bench/ui.bench.mjs). The bundle bin/ runs holds only the production build (scripts/bundle.mjs); run
 * unbundled (dist/, tests), a CLI that did not say otherwise gets the production one too.
 * Ink's layout engine (yoga, WebAssembly inlined as a data: URL) is instantiated on import through
 * `fetch` whenever one exists, and Node's first `fetch` call loads its whole HTTP client (undici):
 * 23 ms of the explorer's first frame in a CPU profile. Without `fetch` yoga decodes the same bytes
 * itself, so `fetch` is hidden for the import too.
 */
export async function importUi<T>(load: () => Promise<T>): Promise<T> {
  process.env.NODE_ENV ??= 'production';
  const saved = { CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION };
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const fetch = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', { ...fetch, value: undefined });
  try {
    return await load();
  } finally {
    for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    if (fetch?.configurable) Object.defineProperty(globalThis, 'fetch', fetch);
  }
}

/**
 * The UI's import (through importUi), started on the first call: a reader's progress callback calls it, so
 * the modules load once the read has begun, not after it. Loading Ink and React took ~120 ms between the
 * read's end and the first frame, and a daemon's export leaves the main thread idle until its first byte
 * (0.05 s for a 7 MB image, 1-4 s for a few hundred MB). Not before the read begins: the import's module
 * evaluation would delay the daemon's requests.
 */
export function uiOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let ui: Promise<T> | undefined;
  return () => {
    if (ui) return ui;
    ui = importUi(load);
    ui.catch(() => undefined); // awaited once the read is done; a read that fails first reports its own error
    return ui;
  };
}

export async function runExplore(
  load: (onProgress: (p: ReadProgress) => void) => Promise<ImageModel>,
  opts: ExploreOptions,
): Promise<number> {
  if (!opts.stdout.isTTY) {
    throw new LayerscopeError(
      'usage',
      'the explorer needs a terminal, but output is not one',
      'use --json FILE for a machine-readable export, or --ci to gate a build',
    );
  }
  // Bad key bindings fail before a long image read, not after.
  const keymap = loadKeymap(opts.keyConfigPath, opts.env);
  const stdin = keyboard(opts.stdin);
  const progress = progressLine(opts.stderr, opts.label ?? 'image');
  const startUi = uiOnce(() => import('./mount-explorer.js'));
  let image: ImageModel;
  try {
    image = await load((p) => {
      progress.update(p);
      startUi();
    });
  } finally {
    progress.done();
  }
  if (image.layers.length === 0) {
    throw new LayerscopeError('source', `${image.name} has no layers to explore`, 'use --json FILE to see what the image does contain');
  }
  const trees = new ImageTrees(image);
  const analysis = analyzeImage(image);
  const { mountExplorer } = await startUi();
  const content = opts.content?.(image);
  const background = new AbortController();
  try {
    const running = mountExplorer({
      image,
      trees,
      analysis,
      keymap,
      color: opts.color,
      ascii: opts.ascii || !localeIsUtf8(opts.env),
      stdin,
      stdout: opts.stdout,
      stderr: opts.stderr,
      ...(content ? { content: content.reader, ...(content.extract ? { extract: content.extract } : {}) } : {}),
    });
    if (opts.afterFirstFrame) startAfterFirstFrame(opts.afterFirstFrame, background.signal);
    return await running;
  } finally {
    // Quitting does not wait for it: a layer not yet kept is parsed again next time.
    background.abort();
    if (stdin !== opts.stdin) stdin.destroy();
    await content?.close();
  }
}
