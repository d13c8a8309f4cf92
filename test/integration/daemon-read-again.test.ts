// The explorer's viewer on a daemon image it did not keep: the first file read exports the image again
// by its id (a real daemon, images built FROM scratch + busybox). The id, not the tag: a tag moved to
// another image since still gives the bytes of the image that was read; an image removed since is one
// line that does not send the user to `docker pull` an id. Expected contents are what the RUN steps wrote.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSetup } from '../../src/cli/commands/layer-store-setup.js';
import { loadImage } from '../../src/cli/load-image.js';
import { parseSourceSpec } from '../../src/cli/source-spec.js';
import { dockerAvailable, requireOrSkip } from '../helpers/integration.js';
import { buildBusyboxImage, removeImages } from './daemon-support/busybox-image.js';

const available = requireOrSkip('Docker daemon (docker info)', dockerAvailable());
const tag = (name: string): string => `ls-read-again-${name}-${process.pid}:1`;

describe.skipIf(!available)('files of a daemon image, exported again by id', () => {
  let cache = '';
  const ids: string[] = [];
  beforeAll(() => {
    cache = mkdtempSync(join(tmpdir(), 'ls-read-again-'));
  });
  afterAll(async () => {
    await removeImages([tag('moved'), tag('removed'), ...ids]);
    rmSync(cache, { recursive: true, force: true });
  });

  /** The explorer's read (no layer kept) and its content reader, on a fresh layer store. */
  async function explorerRead(ref: string, store: string) {
    const env = { ...process.env, XDG_CACHE_HOME: join(cache, store) };
    const setup = contentSetup(env, {});
    const image = await loadImage(
      parseSourceSpec(ref, undefined, existsSync),
      { env, stdin: process.stdin, pull: false },
      { ...setup.refetchOptions, ...(setup.readOptions.layerCache ? { layerCache: setup.readOptions.layerCache } : {}) },
    );
    const reader = setup.reader(image, true);
    const text = async (layer: number, path: string) => Buffer.from(await reader.read(layer, image.paths.find(path)!, 0, 1000)).toString();
    return { image, reader, text, setup };
  }

  it('reads the image that was read, though its tag now names another', async () => {
    await buildBusyboxImage(tag('moved'), ['echo before > /note', 'echo second > /other']);
    const { image, reader, text, setup } = await explorerRead(tag('moved'), 'moved');
    expect(image.layers.every((l) => l.blob === undefined)).toBe(true);
    ids.push(image.id!); // left untagged by the rebuild
    await buildBusyboxImage(tag('moved'), ['echo after > /note', 'echo second > /other']);
    const last = image.layers.length - 1;
    expect(await text(last - 1, 'note')).toBe('before\n');
    // Every layer came with that one export: all are in the store now.
    for (const layer of image.layers) expect(await setup.store!.has(layer.diffId)).toBe(true);
    expect(await text(last, 'other')).toBe('second\n');
    await reader.close();
  });

  it('says the image was removed since it was read, in one line, without a pull hint', async () => {
    await buildBusyboxImage(tag('removed'), [`echo ${process.pid}-${Date.now()} > /note`]);
    const { image, reader, text } = await explorerRead(tag('removed'), 'removed');
    await removeImages([tag('removed')]);
    const error = await text(image.layers.length - 1, 'note').catch((e: Error & { hint?: string }) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(`^${tag('removed')} \\(sha256:[0-9a-f]{64}\\) was removed from the docker daemon after it was read`),
    );
    expect((error as { hint?: string }).hint).not.toMatch(/pull/);
    await reader.close();
  });
});
