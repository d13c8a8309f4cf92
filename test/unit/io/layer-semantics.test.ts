// A layer as the runtime applies it (Docker's archive.UnpackLayer, containerd's apply): entries in tar
// order, and an entry for path P replaces what is at P — a non-directory written over a directory
// removes that directory with everything under it, even what this same layer wrote there a moment
// before. Duplicates: the last entry is what lands, and the layer's size counts every entry (dive's rule).
// Expected entries and sizes are worked out by hand from those rules.
import { describe, expect, it } from 'vitest';
import type { EntrySpec } from '../../../src/io/archive-writer/image-spec.js';
import { entriesOf, READERS, writeAndReadBy } from './archive-helpers.js';

describe.each(READERS)('layer semantics (%s)', (_how, read) => {
  const oneLayer = async (entries: EntrySpec[]) => {
    const model = await writeAndReadBy(read)({ layers: [{ command: 'RUN x', entries }] }, 'docker-legacy');
    return { entries: entriesOf(model, 0).map(({ path, kind, size }) => `${kind} ${path} ${size}`), size: model.layers[0]!.sizeBytes };
  };

  it('a file over a directory removes what the layer wrote under it before', async () => {
    expect(
      await oneLayer([
        { path: 'd', type: 'dir' },
        { path: 'd/x', content: 'abc' },
        { path: 'd', content: 'fives' },
      ]),
    ).toEqual({ entries: ['file d 5'], size: 8 });
  });

  it('a symlink over a directory removes a deeper subtree too, whiteouts and opaque markers in it included', async () => {
    const result = await oneLayer([
      { path: 'd/a/b', content: 'xy' },
      { path: 'd/a/.wh.gone', type: 'whiteout' },
      { path: 'd/a', type: 'opaque' },
      { path: 'keep', content: 'k' },
      { path: 'd', type: 'symlink', linkTarget: '/elsewhere' },
    ]);
    expect(result).toEqual({ entries: ['file keep 1', 'symlink d 0'], size: 3 });
  });

  it('what the layer writes under the path after the replacement stays', async () => {
    expect(
      await oneLayer([
        { path: 'd/x', content: 'x' },
        { path: 'd', content: 'file' },
        { path: 'd', type: 'dir' },
        { path: 'd/y', content: 'yy' },
      ]),
    ).toEqual({ entries: ['dir d 0', 'file d/y 2'], size: 7 });
  });

  it('a directory over a directory keeps what is under it', async () => {
    expect(
      await oneLayer([
        { path: 'd', type: 'dir' },
        { path: 'd/x', content: 'x' },
        { path: 'd', type: 'dir', mode: 0o700 },
      ]),
    ).toEqual({ entries: ['dir d 0', 'file d/x 1'], size: 1 });
  });

  it('a path written twice: the last entry in the tree, both in the layer size', async () => {
    expect(
      await oneLayer([
        { path: 'f', content: 'first' },
        { path: 'f', content: 'second!' },
      ]),
    ).toEqual({ entries: ['file f 7'], size: 12 });
  });
});
