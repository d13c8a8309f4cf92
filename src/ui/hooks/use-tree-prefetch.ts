// Builds the neighbouring layers' trees while the user pauses, so stepping to the next or previous layer
// finds them cached: the first visit to a layer of a 100k-file image costs ~70 ms to build, a cached
// one ~7 ms. One tree per idle tick, so a key pressed meanwhile waits for one build at most.
import { useEffect } from 'react';
import type { CompareMode, TreeOrder, TreeSource } from '../../core/index.js';

/** How long the keyboard must be quiet before building trees nobody asked for yet. */
export const PREFETCH_IDLE_MS = 150;

/** The layers worth building ahead from `k`: the next one first (users step forward more), then the previous. */
export function prefetchOrder(k: number, layerCount: number): number[] {
  return [k + 1, k - 1].filter((n) => n >= 0 && n < layerCount);
}

/** `activity` changes on every input (the explorer's state): each change restarts the quiet period. */
export function useTreePrefetch(
  trees: TreeSource,
  layer: number,
  layerCount: number,
  compare: CompareMode,
  order: TreeOrder,
  activity: unknown,
): void {
  useEffect(() => {
    const queue = prefetchOrder(layer, layerCount).flatMap((n) => [() => trees.comparedTree(n, compare, order), () => trees.layerTree(n)]);
    // Last, this layer in the other compare mode (Ctrl+L / Ctrl+A flips less often than stepping).
    queue.push(() => trees.comparedTree(layer, compare === 'layer' ? 'aggregated' : 'layer', order));
    let timer: ReturnType<typeof setTimeout>;
    const next = (): void => {
      const build = queue.shift();
      if (!build) return;
      build();
      timer = setTimeout(next, 0);
    };
    timer = setTimeout(next, PREFETCH_IDLE_MS);
    return () => clearTimeout(timer);
  }, [trees, layer, layerCount, compare, order, activity]);
}
