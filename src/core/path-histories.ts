// pathHistory for many paths at once, in one walk over the layers: the waste reasons need the history
// of every inefficient file (thousands on a big image), and pathHistory walks every entry per path.
// Same rules as pathHistory (path-history.ts); its tests double as the oracle for this one.
import type { ImageModel, LayerEntry } from './model.js';
import type { PathHistoryStep } from './path-history.js';
import { ROOT, type PathId } from './path-table.js';

interface Effect {
  written?: LayerEntry;
  removes: boolean;
  hides: boolean;
}

export function pathHistories(image: ImageModel, wanted: Iterable<PathId>): Map<PathId, PathHistoryStep[]> {
  const targets = new Set(wanted);
  // Every ancestor of a wanted path → the wanted paths below it.
  const below = new Map<PathId, PathId[]>();
  for (const path of targets) {
    for (let at = image.paths.parent(path); at !== ROOT && at >= 0; at = image.paths.parent(at)) {
      const list = below.get(at);
      if (list) list.push(path);
      else below.set(at, [path]);
    }
  }
  const histories = new Map<PathId, PathHistoryStep[]>();
  const visible = new Map<PathId, { entry: LayerEntry; layer: number }>();
  for (const path of targets) histories.set(path, []);
  image.layers.forEach((layer, k) => {
    const effects = new Map<PathId, Effect>();
    const effect = (path: PathId): Effect => {
      let e = effects.get(path);
      if (!e) {
        e = { removes: false, hides: false };
        effects.set(path, e);
      }
      return e;
    };
    for (const entry of layer.entries) {
      if (targets.has(entry.path)) {
        if (entry.kind === 'whiteout') effect(entry.path).removes = true;
        else if (entry.kind !== 'opaque') effect(entry.path).written = entry;
      }
      // A directory written over an ancestor changes nothing below it (and the ancestors of 50k wanted
      // paths are written as directories in nearly every layer that adds to them).
      if (entry.kind === 'dir') continue;
      const descendants = below.get(entry.path);
      if (!descendants) continue;
      for (const path of descendants) {
        if (entry.kind === 'whiteout') effect(path).removes = true;
        else if (entry.kind === 'opaque') effect(path).hides = true;
        // A non-directory written over an ancestor replaces the whole directory, this path included.
        else effect(path).removes = true;
      }
    }
    for (const [path, { written, removes, hides }] of effects) {
      const steps = histories.get(path)!;
      const shown = visible.get(path);
      if (written) {
        steps.push({ layer: k, change: shown ? 'modified' : 'added', entry: written, writtenBy: k });
        visible.set(path, { entry: written, layer: k });
      } else if (shown && (removes || hides)) {
        steps.push({ layer: k, change: removes ? 'removed' : 'opaque-hidden', entry: shown.entry, writtenBy: shown.layer });
        visible.delete(path);
      }
    }
  });
  return histories;
}
