// The batch walk must agree with pathHistory, path for path, on random images (pathHistory is the
// oracle: it is separate code with its own hand-worked tests in test/unit/core/path-history.test.ts).
import { describe, expect, it } from 'vitest';
import { pathHistory } from '../../../src/core/path-history.js';
import { pathHistories } from '../../../src/core/path-histories.js';
import { buildModel, type EntrySpec } from '../../helpers/model-builder.js';
import { prng } from '../../helpers/prng.js';

const NAMES = ['a', 'a/b', 'a/b/c', 'a/d', 'e', 'e/f'];
const KINDS = ['file', 'file', 'dir', 'whiteout', 'opaque', 'symlink'] as const;

describe('pathHistories', () => {
  it('equals pathHistory for every path of 200 random images', () => {
    const next = prng(13);
    for (let n = 0; n < 200; n++) {
      const layers = Array.from({ length: 1 + Math.floor(next() * 5) }, () => ({
        entries: Array.from({ length: Math.floor(next() * 5) }, (): EntrySpec => {
          const kind = KINDS[Math.floor(next() * KINDS.length)]!;
          return {
            path: NAMES[Math.floor(next() * NAMES.length)]!,
            kind,
            size: kind === 'file' ? Math.floor(next() * 9) : 0,
            linkTarget: kind === 'symlink' ? 'x' : undefined,
          };
        }),
      }));
      const image = buildModel(layers);
      const ids = NAMES.map((p) => image.paths.intern(p));
      const batch = pathHistories(image, ids);
      for (const id of ids) expect(batch.get(id), `image ${n} path ${image.paths.path(id)}`).toEqual(pathHistory(image, id));
    }
  });
});
