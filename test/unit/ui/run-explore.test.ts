import { expect, test } from 'vitest';
import { runExplore } from '../../../src/cli/explore/run-explore.js';
import { LayerscopeError } from '../../../src/core/index.js';
import { buildModel } from '../../helpers/model-builder.js';

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
