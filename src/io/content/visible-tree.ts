// The files visible at and under one path as of layer k, as the runtime would show them: each path's
// last writer at or below k, unless a later layer up to k removed it (whiteout of it or an ancestor),
// hid it (opaque ancestor) or replaced an ancestor by a non-directory. Pure: no I/O.
import type { ImageModel, LayerEntry } from '../../core/model.js';
import { ROOT, type PathId } from '../../core/path-table.js';

export interface VisibleFile {
  readonly path: PathId;
  readonly entry: LayerEntry;
  /** The layer that wrote `entry`. */
  readonly layer: number;
}

function isUnder(image: ImageModel, path: PathId, root: PathId): boolean {
  if (root === ROOT) return true;
  for (let at = path; at !== ROOT && at >= 0; at = image.paths.parent(at)) if (at === root) return true;
  return false;
}

/** Visible entries at `root` and below it as of layer `k` (0-based), parents before children. */
export function visibleUnder(image: ImageModel, k: number, root: PathId): VisibleFile[] {
  const removals: { whiteouts: Set<PathId>; hiders: Set<PathId> }[] = [];
  const last = new Map<PathId, VisibleFile>();
  for (let j = 0; j <= k && j < image.layers.length; j++) {
    const whiteouts = new Set<PathId>();
    // Paths that hide what lies below them from lower layers: opaque directories, non-directories.
    const hiders = new Set<PathId>();
    for (const entry of image.layers[j]!.entries) {
      if (entry.kind === 'whiteout') whiteouts.add(entry.path);
      else if (entry.kind === 'opaque') hiders.add(entry.path);
      else {
        if (entry.kind !== 'dir') hiders.add(entry.path);
        if (isUnder(image, entry.path, root)) last.set(entry.path, { path: entry.path, entry, layer: j });
      }
    }
    removals.push({ whiteouts, hiders });
  }
  const visible: VisibleFile[] = [];
  for (const file of last.values()) {
    let gone = false;
    for (let j = file.layer + 1; j <= k && !gone; j++) {
      const { whiteouts, hiders } = removals[j]!;
      if (whiteouts.has(file.path)) gone = true;
      for (let a = image.paths.parent(file.path); !gone && a >= ROOT; a = image.paths.parent(a)) {
        gone = whiteouts.has(a) || hiders.has(a);
      }
    }
    if (!gone) visible.push(file);
  }
  const pathOf = new Map(visible.map((f) => [f.path, image.paths.path(f.path)]));
  return visible.sort((a, b) => (pathOf.get(a.path)! < pathOf.get(b.path)! ? -1 : 1));
}
