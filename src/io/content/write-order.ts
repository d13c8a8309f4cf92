// The order extract writes in.
import type { LayerEntry } from '../../core/model.js';

interface Placed {
  readonly entry: Pick<LayerEntry, 'kind'>;
  /** Where a file's bytes lie in its layers' tars, when known. */
  readonly bytesAt?: { readonly layer: number; readonly offset: number };
}

/**
 * Directories and symlinks first, in the order given (parents before children), then files in the order
 * their bytes lie in their layers' tars: a compressed layer is then decompressed once, front to back,
 * instead of from its start again for each file that comes before the last one read (path order is not
 * tar order: `a-b` sorts before `a/b`, which a tar of `a` holds first).
 */
export function writeOrder<T extends Placed>(items: readonly T[]): T[] {
  const isFile = (item: T): boolean => item.entry.kind === 'file' || item.entry.kind === 'hardlink';
  const files = items.filter(isFile);
  const at = (item: T): readonly [number, number] =>
    item.bytesAt ? [item.bytesAt.layer, item.bytesAt.offset] : [Number.MAX_SAFE_INTEGER, 0];
  const sorted = files
    .map((item, index) => ({ item, index, at: at(item) }))
    .sort((x, y) => x.at[0] - y.at[0] || x.at[1] - y.at[1] || x.index - y.index)
    .map((x) => x.item);
  return [...items.filter((item) => !isFile(item)), ...sorted];
}
