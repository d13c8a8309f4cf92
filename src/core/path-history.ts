// Every layer that touched one path, as the runtime applies layers: used by `layerscope log`, the
// explorer's file history and viewer (which version is visible at a layer), and image comparison.
import type { ImageModel, LayerEntry } from './model.js';
import type { PathChange } from './content.js';
import { ROOT, type PathId } from './path-table.js';

export interface PathHistoryStep {
  /** Layer index, 0-based (the explorer shows it as layer + 1). */
  readonly layer: number;
  readonly change: PathChange;
  /** added/modified: the entry the layer wrote; removed/opaque-hidden: the version that stopped being visible. */
  readonly entry: LayerEntry;
  /** The layer that wrote `entry`. */
  readonly writtenBy: number;
}

/** What layer `k` does to `path`: the entry it writes there (last wins), and whether it removes or hides it. */
function layerEffect(layer: ImageModel['layers'][number], path: PathId, ancestors: ReadonlySet<PathId>) {
  let written: LayerEntry | undefined;
  let removes = false;
  let hides = false;
  for (const entry of layer.entries) {
    if (entry.path === path) {
      if (entry.kind === 'whiteout') removes = true;
      else if (entry.kind !== 'opaque') written = entry;
    } else if (ancestors.has(entry.path)) {
      if (entry.kind === 'whiteout') removes = true;
      else if (entry.kind === 'opaque') hides = true;
      // A non-directory written over an ancestor replaces the whole directory, this path included.
      else if (entry.kind !== 'dir') removes = true;
    }
  }
  return { written, removes, hides };
}

export function pathHistory(image: ImageModel, path: PathId): PathHistoryStep[] {
  const ancestors = new Set<PathId>();
  for (let at = image.paths.parent(path); at !== ROOT && at >= 0; at = image.paths.parent(at)) ancestors.add(at);
  const steps: PathHistoryStep[] = [];
  let visible: { entry: LayerEntry; layer: number } | undefined;
  image.layers.forEach((layer, k) => {
    const { written, removes, hides } = layerEffect(layer, path, ancestors);
    if (written) {
      steps.push({ layer: k, change: visible ? 'modified' : 'added', entry: written, writtenBy: k });
      visible = { entry: written, layer: k };
    } else if (visible && (removes || hides)) {
      steps.push({ layer: k, change: removes ? 'removed' : 'opaque-hidden', entry: visible.entry, writtenBy: visible.layer });
      visible = undefined;
    }
  });
  return steps;
}

/**
 * The version of `path` to show at layer `k`: the one visible there, or, when layer `k` removed or hid
 * it, the version it removed (`removed: true`). Undefined when the path does not exist at `k`.
 */
export function versionAt(
  history: readonly PathHistoryStep[],
  k: number,
): { entry: LayerEntry; layer: number; removed: boolean } | undefined {
  let found: { entry: LayerEntry; layer: number; removed: boolean } | undefined;
  for (const step of history) {
    if (step.layer > k) break;
    const gone = step.change === 'removed' || step.change === 'opaque-hidden';
    found = gone && step.layer < k ? undefined : { entry: step.entry, layer: step.writtenBy, removed: gone };
  }
  return found;
}
