// What each entry of each layer does to the image below it, for the JSON export: a way to check the
// per-layer semantics from outside (a whiteout removes, an opaque marker hides what lower layers had in
// its directory, any other entry adds a path or modifies one that was visible below).
import { stackLayers } from './layer-stacking.js';
import type { ImageModel } from './model.js';
import type { PathChange } from './content.js';

/** The same words as `layerscope log` and the file history use. */
export type EntryChange = PathChange;

/** Per layer, per entry (same order as `layer.entries`): its change in its layer. */
export function entryChanges(image: ImageModel): EntryChange[][] {
  const { timeline } = stackLayers(image);
  return image.layers.map((layer, k) =>
    layer.entries.map((entry): EntryChange => {
      if (entry.kind === 'whiteout') return 'removed';
      if (entry.kind === 'opaque') return 'opaque-hidden';
      return timeline.refAt(entry.path, k - 1) >= 0 ? 'modified' : 'added';
    }),
  );
}
