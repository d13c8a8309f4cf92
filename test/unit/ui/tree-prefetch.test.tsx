// Neighbouring layers' trees are built while the keyboard is quiet, so stepping to them is a cache hit.
import { describe, expect, it, vi } from 'vitest';
import type { CompareMode, TreeOrder, TreeSource } from '../../../src/core/index.js';
import { prefetchOrder } from '../../../src/ui/hooks/use-tree-prefetch.js';
import { KEYS, renderExplorer, sampleImage } from './harness.js';

function spyingSource(): { trees: TreeSource; built: string[] } {
  const { trees: inner } = sampleImage();
  const built: string[] = [];
  const trees: TreeSource = {
    layerTree: (k: number, order?: TreeOrder) => (built.push(`layer ${k}`), inner.layerTree(k, order)),
    stackedTree: (k: number, order?: TreeOrder) => inner.stackedTree(k, order),
    comparedTree: (k: number, mode: CompareMode, order?: TreeOrder) => (
      built.push(`compared ${k} ${mode}`),
      inner.comparedTree(k, mode, order)
    ),
  };
  return { trees, built };
}

describe('tree prefetch', () => {
  it.each([
    [0, 3, [1]],
    [1, 3, [2, 0]],
    [2, 3, [1]],
    [0, 1, []],
  ])('from layer %i of %i builds %j ahead, next first', (k, count, expected) => {
    expect(prefetchOrder(k, count)).toEqual(expected);
  });

  it('builds the next layer while the user pauses, and the neighbours of the layer they move to', async () => {
    const { trees, built } = spyingSource();
    const r = renderExplorer({ trees });
    await r.waitForFrame((f) => f.includes('Layers'));
    // The queue builds one tree per quiet slice: the compared tree, then (a later slice) the layer's own.
    await vi.waitFor(() => expect(built).toContain('compared 1 layer'), { timeout: 3000, interval: 20 });
    await vi.waitFor(() => expect(built).toContain('layer 1'), { timeout: 3000, interval: 20 });
    expect(built.indexOf('compared 1 layer')).toBeLessThan(built.indexOf('layer 1'));
    await vi.waitFor(() => expect(built).toContain('compared 0 aggregated'), { timeout: 3000, interval: 20 });
    expect(built.filter((b) => b.startsWith('compared 2'))).toEqual([]);
    await r.press(KEYS.down);
    await vi.waitFor(() => expect(built).toContain('compared 2 layer'), { timeout: 3000, interval: 20 });
    r.app.unmount();
  });
});
