// pathHistory (what `log`, `cat` and the viewer say) against the naive re-stacker of ./reference (the
// fuzz tests' oracle for the core's stacking): on random images with whiteouts, opaque markers and
// paths that change kind, a path has a version at layer k exactly when it is in the stack of 0..k, and
// it is that entry (or a directory where the stack has an implied one).
import { describe, expect, it } from 'vitest';
import { buildModel, type EntrySpec, type LayerSpec } from '../../helpers/model-builder.js';
import { prng } from '../../helpers/prng.js';
import { pathHistory, versionAt } from '../../../src/core/path-history.js';
import type { ImageModel } from '../../../src/core/model.js';
import { naiveStacks } from './reference/naive-stack.js';

const DIRS = ['a', 'b', 'a/c', 'a/d', 'b/e', 'a/c/h'];
const FILES = ['a/f1', 'a/c/f2', 'a/d/f3', 'b/f4', 'b/e/f5', 'g', 'a/c/h/f6'];

function randomImage(seed: number): ImageModel {
  const rand = prng(seed);
  const layers: LayerSpec[] = [];
  for (let k = 0, n = 2 + Math.floor(rand() * 5); k < n; k++) {
    const entries: EntrySpec[] = [];
    for (const d of DIRS) if (rand() < 0.3) entries.push({ path: d, kind: rand() < 0.8 ? 'dir' : 'file', size: 7 });
    for (const f of FILES) if (rand() < 0.3) entries.push({ path: f, kind: rand() < 0.8 ? 'file' : 'dir', size: 5 });
    if (k > 0) for (const p of [...DIRS, ...FILES]) if (rand() < 0.12) entries.push({ path: p, kind: 'whiteout' });
    if (k > 0) for (const d of DIRS) if (rand() < 0.15) entries.push({ path: d, kind: 'opaque' });
    layers.push({ entries });
  }
  return buildModel(layers);
}

/**
 * A layer that writes a non-directory and something below it: the reader keeps only what Docker
 * would leave when the file comes last in the tar, and Docker refuses the layer when it comes first
 * (no directory to unpack into), so the stackers' answers to it are not Docker's; left out.
 */
const writesUnderOwnFile = (image: ImageModel): boolean =>
  image.layers.some((layer) => {
    const files = new Set(layer.entries.filter((e) => !['dir', 'whiteout', 'opaque'].includes(e.kind)).map((e) => e.path));
    return layer.entries.some((e) => {
      for (let at = image.paths.parent(e.path); at > 0; at = image.paths.parent(at)) if (files.has(at)) return true;
      return false;
    });
  });

describe('pathHistory agrees with the naive re-stacker', () => {
  it('on 150 random images', () => {
    let checked = 0;
    for (let seed = 1; checked < 150; seed++) {
      const image = randomImage(seed);
      if (writesUnderOwnFile(image)) continue;
      checked++;
      const { stacks } = naiveStacks(image);
      for (let id = 1; id < image.paths.size; id++) {
        const history = pathHistory(image, id);
        stacks.forEach((stack, k) => {
          const v = versionAt(history, k);
          const node = stack.get(image.paths.path(id));
          const where = `seed ${seed}, /${image.paths.path(id)} at layer ${k}`;
          expect(v !== undefined && !v.removed, where).toBe(node !== undefined);
          if (node && v) expect(node.entry ? v.entry === node.entry : v.entry.kind === 'dir', where).toBe(true);
        });
      }
    }
  });
});
