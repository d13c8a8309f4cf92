// Every layer that touched one path, as the runtime applies layers: used by `layerscope log`, the
// explorer's file history and viewer (which version is visible at a layer), and image comparison.
import type { ImageModel, LayerEntry } from './model.js';
import type { PathChange } from './content.js';
import { ROOT, type PathId, type PathTable } from './path-table.js';

export interface PathHistoryStep {
  /** Layer index, 0-based (the explorer shows it as layer + 1). */
  readonly layer: number;
  readonly change: PathChange;
  /**
   * added/modified: the entry visible from this layer on (what the layer wrote; the directory kept when
   * the layer only made it opaque; an implied directory); removed/opaque-hidden: the version that stopped
   * being visible.
   */
  readonly entry: LayerEntry;
  /** The layer that wrote `entry`. */
  readonly writtenBy: number;
}

/** What one layer does to one path (layer-stacking.ts applies the same rules to the whole image). */
export interface LayerEffect {
  /** The entry the layer writes at the path (the last, when it writes it twice). */
  written?: LayerEntry;
  /** A whiteout of the path or of an ancestor, or a non-directory written over an ancestor. */
  removes: boolean;
  /** An opaque marker on an ancestor. */
  hides: boolean;
  /** An opaque marker on the path itself. */
  opaque: boolean;
  /** The layer writes, deletes or makes opaque something below the path. */
  below: boolean;
}

export type Visible = { entry: LayerEntry; layer: number } | undefined;

/** The directory the runtime makes for a path only implied by what lies below it (as EntryStore.implied). */
const impliedDir = (path: PathId): LayerEntry => ({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });

/**
 * The step layer `k` adds to the history of `path` (or none), and what is visible there after it.
 * Shared by pathHistory and pathHistories so that the two cannot disagree on the rules.
 */
export function stepOf(path: PathId, k: number, e: LayerEffect, visible: Visible): { step?: PathHistoryStep; visible: Visible } {
  if (e.written) {
    const step: PathHistoryStep = { layer: k, change: visible ? 'modified' : 'added', entry: e.written, writtenBy: k };
    return { step, visible: { entry: e.written, layer: k } };
  }
  const gone = visible !== undefined && (e.removes || e.hides);
  // Anything the layer puts below the path, or an opaque marker on it, needs a directory there: the
  // runtime makes one (Docker creates missing parents when it unpacks; measured with `docker run`),
  // and so does stacking (ensureDir). It replaces a non-directory, or one this layer deleted.
  if (path !== ROOT && (e.below || e.opaque)) {
    if (!visible || gone || visible.entry.kind !== 'dir') {
      const entry = impliedDir(path);
      return { step: { layer: k, change: visible ? 'modified' : 'added', entry, writtenBy: k }, visible: { entry, layer: k } };
    }
    // Made opaque without being written again: the directory stays (it is not 'opaque-hidden', which
    // means gone, and versionAt would then hide it), but what it holds is now only this layer's, so the
    // layer changed it: 'modified', with the directory entry that stays visible.
    if (e.opaque) return { step: { layer: k, change: 'modified', entry: visible.entry, writtenBy: visible.layer }, visible };
    return { visible };
  }
  if (gone) {
    const change = e.removes ? 'removed' : 'opaque-hidden';
    return { step: { layer: k, change, entry: visible.entry, writtenBy: visible.layer }, visible: undefined };
  }
  return { visible };
}

/** Whether `path` lies strictly below `dir`. */
function isBelow(paths: PathTable, path: PathId, dir: PathId): boolean {
  const depth = paths.depth(dir);
  let at = path;
  while (paths.depth(at) > depth) at = paths.parent(at);
  return at === dir && path !== dir;
}

/** What layer `k` does to `path` (ancestors: the path's ancestors, the root left out). */
function layerEffect(image: ImageModel, k: number, path: PathId, ancestors: ReadonlySet<PathId>): LayerEffect {
  const e: LayerEffect = { removes: false, hides: false, opaque: false, below: false };
  for (const entry of image.layers[k]!.entries) {
    if (entry.path === path) {
      if (entry.kind === 'whiteout') e.removes = true;
      else if (entry.kind === 'opaque') e.opaque = true;
      else e.written = entry;
    } else if (ancestors.has(entry.path)) {
      if (entry.kind === 'whiteout') e.removes = true;
      else if (entry.kind === 'opaque') e.hides = true;
      // A non-directory written over an ancestor replaces the whole directory, this path included.
      else if (entry.kind !== 'dir') e.removes = true;
    } else if (!e.below && entry.path !== ROOT && isBelow(image.paths, entry.path, path)) e.below = true;
  }
  return e;
}

export function pathHistory(image: ImageModel, path: PathId): PathHistoryStep[] {
  const ancestors = new Set<PathId>();
  for (let at = image.paths.parent(path); at !== ROOT && at >= 0; at = image.paths.parent(at)) ancestors.add(at);
  const steps: PathHistoryStep[] = [];
  let visible: Visible;
  image.layers.forEach((_, k) => {
    const next = stepOf(path, k, layerEffect(image, k, path, ancestors), visible);
    if (next.step) steps.push(next.step);
    visible = next.visible;
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
