// visibleUnder: what `extract` writes for a directory as of a layer, worked out by hand from the OCI
// layer rules: the last writer wins; a whiteout removes a path and its subtree; an opaque directory
// hides what lower layers put under it (not what its own layer puts there); a non-directory written
// over a directory replaces the whole subtree.
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../src/core/path-table.js';
import { visibleUnder } from '../../../src/io/content/visible-tree.js';
import { buildModel } from '../../helpers/model-builder.js';

const image = buildModel([
  {
    entries: [
      { path: 'a', kind: 'dir' },
      { path: 'a/x', size: 1 },
      { path: 'a/y', size: 2 },
      { path: 'b', kind: 'dir' },
      { path: 'b/old', size: 3 },
      { path: 'c/deep/f', size: 4 },
    ],
  },
  {
    entries: [
      { path: 'a/x', size: 10 },
      { path: 'b', kind: 'opaque' },
      { path: 'b/new', size: 5 },
      { path: 'c/deep', kind: 'whiteout' },
    ],
  },
  { entries: [{ path: 'a', kind: 'symlink', linkTarget: 'b' }] },
  {
    entries: [
      { path: '', kind: 'opaque' },
      { path: 'fresh', size: 6 },
    ],
  },
]);
const shown = (k: number, root = ROOT) => visibleUnder(image, k, root).map((f) => `${image.paths.path(f.path)}@${f.layer + 1}`);

describe('visibleUnder', () => {
  it('layer 1: everything the base wrote', () => {
    expect(shown(0)).toEqual(['a@1', 'a/x@1', 'a/y@1', 'b@1', 'b/old@1', 'c/deep/f@1']);
  });
  it('layer 2: a/x rewritten, b opaque (its own new file kept), c/deep whited out with its subtree', () => {
    expect(shown(1)).toEqual(['a@1', 'a/x@2', 'a/y@1', 'b@1', 'b/new@2']);
  });
  it('layer 3: a symlink over directory a takes its subtree', () => {
    expect(shown(2)).toEqual(['a@3', 'b@1', 'b/new@2']);
  });
  it('layer 4: an opaque image root hides every lower layer', () => {
    expect(shown(3)).toEqual(['fresh@4']);
  });
  it('only the subtree asked for', () => {
    expect(shown(1, image.paths.find('a')!)).toEqual(['a@1', 'a/x@2', 'a/y@1']);
  });
});
