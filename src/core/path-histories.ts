// pathHistory for many paths at once, in one walk over the layers: the waste reasons need the history
// of every inefficient file (thousands on a big image), and pathHistory walks every entry per path.
// Same rules as pathHistory (path-history.ts, whose stepOf turns effects into steps); its tests double
// as the oracle for this one.
import type { ImageModel } from './model.js';
import { stepOf, type LayerEffect, type PathHistoryStep, type Visible } from './path-history.js';
import { ROOT, type PathId } from './path-table.js';

export function pathHistories(image: ImageModel, wanted: Iterable<PathId>): Map<PathId, PathHistoryStep[]> {
  const targets = new Set(wanted);
  const { paths } = image;
  // Every ancestor of a wanted path → the wanted paths below it.
  const below = new Map<PathId, PathId[]>();
  for (const path of targets) {
    for (let at = paths.parent(path); at !== ROOT && at >= 0; at = paths.parent(at)) {
      const list = below.get(at);
      if (list) list.push(path);
      else below.set(at, [path]);
    }
  }
  // Paths with a wanted strict ancestor (ids grow from parent to child): only their entries are walked
  // up to the wanted directories they make (implied parents), so files-only requests pay nothing.
  const underTarget = new Uint8Array(paths.size);
  for (let id = 1; id < paths.size; id++) {
    const parent = paths.parent(id);
    underTarget[id] = parent !== ROOT && (targets.has(parent) || underTarget[parent] === 1) ? 1 : 0;
  }
  const histories = new Map<PathId, PathHistoryStep[]>();
  const visible = new Map<PathId, Visible>();
  for (const path of targets) histories.set(path, []);
  image.layers.forEach((layer, k) => {
    const effects = new Map<PathId, LayerEffect>();
    const effect = (path: PathId): LayerEffect => {
      let e = effects.get(path);
      if (!e) {
        e = { removes: false, hides: false, opaque: false, below: false };
        effects.set(path, e);
      }
      return e;
    };
    for (const entry of layer.entries) {
      if (targets.has(entry.path)) {
        if (entry.kind === 'whiteout') effect(entry.path).removes = true;
        else if (entry.kind === 'opaque') effect(entry.path).opaque = true;
        else effect(entry.path).written = entry;
      }
      if (entry.path !== ROOT && underTarget[entry.path] === 1) {
        for (let at = paths.parent(entry.path); at !== ROOT; at = paths.parent(at)) {
          if (targets.has(at)) effect(at).below = true;
          if (underTarget[at] !== 1) break;
        }
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
    for (const [path, e] of effects) {
      const next = stepOf(path, k, e, visible.get(path));
      if (next.step) histories.get(path)!.push(next.step);
      visible.set(path, next.visible);
    }
  });
  return histories;
}
