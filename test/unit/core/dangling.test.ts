// Dangling whiteouts: a whiteout in layer k deleting a path no layer below k ever had.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { analyzeImage } from '../../../src/core/index.js';

const wh = (path: string) => ({ path, kind: 'whiteout' as const });

describe('dangling whiteouts', () => {
  it('finds whiteouts of paths that never existed below, including in layer 0', () => {
    const image = buildModel([
      { entries: [wh('ghost'), { path: 'a/b', size: 1 }, { path: 'i/j/k', size: 1 }, { path: 'gone', size: 1 }] },
      { entries: [wh('a/never'), wh('gone'), wh('i/j')] }, // i/j existed as an implied parent: fine
      { entries: [wh('gone')] }, // a lower layer had it (deleted since): not dangling
    ]);
    expect(analyzeImage(image).danglingWhiteouts).toEqual([
      { layer: 0, path: 'ghost' },
      { layer: 1, path: 'a/never' },
    ]);
  });

  it('a whiteout of a path the same layer writes is still dangling when nothing below had it', () => {
    const image = buildModel([{ entries: [{ path: 'x', size: 1 }] }, { entries: [wh('y'), { path: 'y', size: 2 }] }]);
    expect(analyzeImage(image).danglingWhiteouts).toEqual([{ layer: 1, path: 'y' }]);
  });

  it('none on a clean image', () => {
    const image = buildModel([{ entries: [{ path: 'x', size: 1 }] }, { entries: [wh('x')] }]);
    expect(analyzeImage(image).danglingWhiteouts).toEqual([]);
  });
});
