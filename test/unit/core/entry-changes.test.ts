// Each entry's change in its layer (JSON `change` with --json-files), worked out by hand.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { entryChanges } from '../../../src/core/index.js';

describe('entry changes', () => {
  it('adds, modifies, removes and hides by opaque marker, judged against the layers below', () => {
    const image = buildModel([
      {
        entries: [
          { path: 'etc', kind: 'dir' },
          { path: 'etc/a', size: 1 },
          { path: 'o', kind: 'dir' },
          { path: 'o/y', size: 2 },
        ],
      },
      {
        entries: [
          { path: 'etc/a', size: 3 },
          { path: 'etc/b', size: 1 },
          { path: 'o', kind: 'opaque' },
          { path: 'o/y', size: 4 },
          { path: 'etc/a', kind: 'whiteout' },
          { path: 'gone', kind: 'whiteout' },
        ],
      },
      {
        entries: [
          { path: 'etc/b', kind: 'whiteout' },
          { path: 'etc/b', size: 9 },
          { path: 'etc', kind: 'dir' },
        ],
      },
    ]);
    expect(entryChanges(image)).toEqual([
      ['added', 'added', 'added', 'added'],
      // etc/a was there below (modified, and also whited out below-wise: removed); etc/b new; o/y was below.
      ['modified', 'added', 'opaque-hidden', 'modified', 'removed', 'removed'],
      ['removed', 'modified', 'modified'],
    ]);
  });
});
