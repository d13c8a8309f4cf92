// A hardlink shares its target's inode (Docker applies a tar hardlink with link(2)): deleting or
// overwriting the original name leaves the bytes visible through the link, so they are not waste —
// until the last link goes too. dive's numbers do not change (its rules know no inodes). By hand.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../helpers/model-builder.js';
import { analyzeImage } from '../../../src/core/index.js';

const link = (path: string, linkTarget: string) => ({ path, kind: 'hardlink' as const, linkTarget });

describe('hardlinks and honest waste', () => {
  it('keeps a file’s bytes visible while a link to it stays', () => {
    const { waste, dive } = analyzeImage(
      buildModel([
        { entries: [{ path: 'a', size: 100 }, link('b', 'a'), { path: 'c', size: 7 }] },
        {
          entries: [
            { path: 'a', kind: 'whiteout' },
            { path: 'c', size: 9 },
          ],
        },
      ]),
    );
    // L0 wrote 107: a 100 stays visible through b; c 7 overwritten by L1. L1 wrote 9, visible.
    expect(waste).toMatchObject({ deletedBytes: 0, overwrittenBytes: 7, totalBytes: 7, finalVisibleBytes: 109 });
    expect(waste.perLayer[0]).toMatchObject({ writtenBytes: 107, visibleBytes: 100 });
    // dive: a 100+0 (a deleted file's whiteout is 0) count 2, b 0, c 7+9 count 2 → wasted 116.
    expect(dive.wastedBytes).toBe(116);
  });

  it('hides the bytes when the last link goes, by that link’s cause', () => {
    const { waste } = analyzeImage(
      buildModel([
        { entries: [{ path: 'a', size: 100 }, link('b', 'a'), link('c', 'a')] },
        {
          entries: [
            { path: 'a', kind: 'whiteout' },
            { path: 'b', kind: 'whiteout' },
          ],
        },
        { entries: [{ path: 'c', size: 3 }] },
      ]),
    );
    // a's name goes in L1 with b; c still holds the 100 bytes until L2 writes over c.
    expect(waste).toMatchObject({ deletedBytes: 0, overwrittenBytes: 100, finalVisibleBytes: 3, finalFileCount: 1 });
    expect(waste.perLayer[1]).toMatchObject({ visibleBytes: 0 });
  });

  it('a link to a file of a lower layer holds it too', () => {
    const { waste } = analyzeImage(
      buildModel([{ entries: [{ path: 'a', size: 50 }] }, { entries: [link('b', 'a')] }, { entries: [{ path: 'a', kind: 'whiteout' }] }]),
    );
    expect(waste).toMatchObject({ totalBytes: 0, finalVisibleBytes: 50 });
  });
});
