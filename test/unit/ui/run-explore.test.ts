import { expect, test, vi } from 'vitest';
import { runExplore } from '../../../src/cli/explore/run-explore.js';
import { LayerscopeError } from '../../../src/core/index.js';
import { buildModel } from '../../helpers/model-builder.js';

// The explorer's UI module, standing in for Ink's: it says when it is loaded, and exits at once.
const ui = vi.hoisted(() => {
  let loaded = false;
  let resolve!: () => void;
  const loading = new Promise<void>((r) => (resolve = r));
  return { loading, isLoaded: () => loaded, load: () => ((loaded = true), resolve()) };
});
vi.mock('../../../src/cli/explore/mount-explorer.js', () => {
  ui.load();
  return { mountExplorer: async () => 0 };
});

const streams = (tty: boolean) => ({
  stdin: { isTTY: tty } as NodeJS.ReadStream,
  stdout: { isTTY: tty, write: () => true } as unknown as NodeJS.WriteStream,
  stderr: { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream,
});

test('output that is not a terminal: a usage error, and the image is never read', async () => {
  let loads = 0;
  const err = await runExplore(
    async () => {
      loads++;
      throw new Error('unreachable');
    },
    { color: true, ascii: false, env: {}, ...streams(false) },
  ).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LayerscopeError);
  expect((err as LayerscopeError).kind).toBe('usage');
  expect((err as LayerscopeError).hint).toContain('--json');
  expect(loads).toBe(0);
});

test('a bad key config fails before the (possibly long) image read', async () => {
  let loads = 0;
  const err = await runExplore(
    async () => {
      loads++;
      throw new Error('unreachable');
    },
    { color: true, ascii: false, env: {}, keyConfigPath: '/nonexistent/layerscope.yaml', ...streams(true) },
  ).catch((e: unknown) => e);
  expect((err as LayerscopeError).kind).toBe('config');
  expect(loads).toBe(0);
});

test('errors from load propagate unchanged', async () => {
  const boom = new LayerscopeError('source', 'image not found', 'check the name');
  const { stdout, stderr } = streams(true);
  const stdin = { isTTY: true } as NodeJS.ReadStream;
  const err = await runExplore(
    async () => {
      throw boom;
    },
    { color: true, ascii: false, env: { XDG_CONFIG_HOME: '/nonexistent' }, stdin, stdout, stderr },
  ).catch((e: unknown) => e);
  expect(err).toBe(boom);
});

test('an image without layers is a one-line error, not a crash', async () => {
  const { stdout, stderr } = streams(true);
  const stdin = { isTTY: true } as NodeJS.ReadStream;
  const image = { ...buildModel([]), name: 'empty:img' };
  const err = await runExplore(async () => image, {
    color: true,
    ascii: false,
    env: { XDG_CONFIG_HOME: '/nonexistent' },
    stdin,
    stdout,
    stderr,
  }).catch((e: unknown) => e);
  expect((err as LayerscopeError).message).toBe('empty:img has no layers to explore');
});

// Loading Ink and React took ~120 ms between the read's end and the first frame; a daemon's export leaves
// the main thread idle for seconds before its first byte. Loaded before the read begins, they would delay
// the daemon's requests instead. Without the overlap this read never ends (it waits for the UI).
test("the explorer's modules load once the read has begun, before it ends", async () => {
  const { stdout, stderr } = streams(true);
  const stdin = { isTTY: true } as NodeJS.ReadStream;
  const image = buildModel([{ entries: [{ path: 'a', size: 1 }] }]);
  const code = await runExplore(
    async (onProgress) => {
      expect(ui.isLoaded()).toBe(false);
      onProgress({ bytesRead: 0, layersDone: 0 });
      await ui.loading;
      return image;
    },
    { color: true, ascii: false, env: { XDG_CONFIG_HOME: '/nonexistent' }, stdin, stdout, stderr },
  );
  expect(code).toBe(0);
});
