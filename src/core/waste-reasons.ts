// Why each inefficient file's bytes are wasted: every layer that wrote it and the layer that
// overwrote, deleted or hid it (with the commands), and a hint with the Dockerfile fix when the
// history has a known shape (dive #238: dive says *that* bytes are wasted, never *why*).
import type { ImageModel, LayerEntry } from './model.js';
import type { PathChange } from './content.js';
import { pathHistories } from './path-histories.js';
import type { PathId } from './path-table.js';
import type { ImageAnalysis } from './tree-types.js';
import { COPIED_TWICE, DELETED_LATER, METADATA_ONLY, cacheHintFor, type WasteHint } from './waste-hints.js';

export interface WasteStep {
  /** Layer index, 0-based. */
  readonly layer: number;
  readonly change: PathChange;
  readonly command: string;
  readonly sizeBytes: number;
}

export interface WasteReason {
  /** Path without a leading '/' (as in InefficientFile). */
  readonly path: string;
  /**
   * 'file': one of dive's inefficient files (sizeBytes is dive's, every copy counted). 'directory': a
   * directory deleted or hidden whole, which dive never counts (sizeBytes: the bytes it took away; steps:
   * the layers that wrote them, then the one that removed them).
   */
  readonly scope: 'file' | 'directory';
  readonly sizeBytes: number;
  readonly steps: readonly WasteStep[];
  readonly hint?: WasteHint;
}

const COPY = /^(?:COPY|ADD)\b|^\/bin\/sh -c #\(nop\) (?:COPY|ADD)\b/;
const sameContent = (a: LayerEntry, b: LayerEntry) => a.kind === b.kind && a.hash !== undefined && a.hash === b.hash && a.size === b.size;
const sameMeta = (a: LayerEntry, b: LayerEntry) => (a.mode & 0o7777) === (b.mode & 0o7777) && a.uid === b.uid && a.gid === b.gid;

/** The hint for one history: a cache pattern first, then a rewrite of the same bytes, then deletion. */
export function hintFor(path: string, steps: readonly { change: PathChange; entry: LayerEntry; command: string }[]): WasteHint | undefined {
  const gone = steps.some((s) => s.change !== 'added');
  if (!gone) return undefined;
  const cache = cacheHintFor(path);
  if (cache) return cache;
  for (let i = 1; i < steps.length; i++) {
    const before = steps[i - 1]!,
      now = steps[i]!;
    if (now.change !== 'modified' || before.change === 'removed' || before.change === 'opaque-hidden') continue;
    if (!sameContent(before.entry, now.entry)) continue;
    if (!sameMeta(before.entry, now.entry)) return METADATA_ONLY;
    if (COPY.test(before.command.trim()) && COPY.test(now.command.trim())) return COPIED_TWICE;
  }
  if (steps.some((s) => s.change === 'removed' || s.change === 'opaque-hidden')) return DELETED_LATER;
  return undefined;
}

/** Reasons for every inefficient file (dive's order), then every directory deleted or hidden whole. */
export function wasteReasons(image: ImageModel, analysis: ImageAnalysis): WasteReason[] {
  const files = analysis.dive.inefficientFiles;
  const ids = new Map<string, PathId>();
  for (const f of files) {
    const id = image.paths.find(f.path);
    if (id !== undefined) ids.set(f.path, id);
  }
  const removals = directoryRemovals(image);
  // Both kinds of reason from one walk over every layer's entries (a path's history does not depend on
  // which others are asked for): on the 50k-file fixture that walk is most of the reasons' time.
  const histories = pathHistories(image, [...ids.values(), ...removals.flatMap((r) => r.below)]);
  return [...fileReasons(image, files, ids, histories), ...directoryReasons(image, removals, histories)];
}

type Histories = ReturnType<typeof pathHistories>;

function fileReasons(
  image: ImageModel,
  files: ImageAnalysis['dive']['inefficientFiles'],
  ids: ReadonlyMap<string, PathId>,
  histories: Histories,
): WasteReason[] {
  return files.map((f) => {
    const id = ids.get(f.path);
    const history = id === undefined ? [] : (histories.get(id) ?? []);
    const withCommands = history.map((s) => ({ ...s, command: image.layers[s.layer]?.command ?? '' }));
    const steps = withCommands.map((s) => ({
      layer: s.layer,
      change: s.change,
      command: s.command,
      sizeBytes: s.change === 'added' || s.change === 'modified' ? s.entry.size : 0,
    }));
    const hint = hintFor(f.path, withCommands);
    return { path: f.path, scope: 'file' as const, sizeBytes: f.sizeBytes, steps, ...(hint ? { hint } : {}) };
  });
}

/** Every path ever written below `dir`. */
function descendants(image: ImageModel, dir: PathId, into: PathId[]): void {
  for (const child of image.paths.childrenOf(dir)) {
    into.push(child);
    descendants(image, child, into);
  }
}

interface DirectoryRemoval {
  readonly dir: PathId;
  readonly layer: number;
  /** Every path ever written below `dir`. */
  readonly below: PathId[];
}

/** Every whiteout or opaque marker of a directory that had something in it. */
function directoryRemovals(image: ImageModel): DirectoryRemoval[] {
  const removals: DirectoryRemoval[] = [];
  image.layers.forEach((layer, k) => {
    for (const entry of layer.entries) {
      if ((entry.kind !== 'whiteout' && entry.kind !== 'opaque') || image.paths.childrenOf(entry.path).length === 0) continue;
      const below: PathId[] = [];
      descendants(image, entry.path, below);
      removals.push({ dir: entry.path, layer: k, below });
    }
  });
  return removals;
}

function directoryReasons(image: ImageModel, removals: readonly DirectoryRemoval[], histories: Histories): WasteReason[] {
  const reasons: WasteReason[] = [];
  for (const { dir, layer, below } of removals) {
    const writers = new Map<number, number>();
    let change: PathChange = 'removed';
    for (const path of below) {
      for (const step of histories.get(path) ?? []) {
        if (step.layer !== layer || (step.change !== 'removed' && step.change !== 'opaque-hidden')) continue;
        change = step.change;
        writers.set(step.writtenBy, (writers.get(step.writtenBy) ?? 0) + step.entry.size);
      }
    }
    const sizeBytes = [...writers.values()].reduce((a, b) => a + b, 0);
    if (sizeBytes === 0) continue;
    const path = image.paths.path(dir);
    const steps: WasteStep[] = [...writers]
      .sort((a, b) => a[0] - b[0])
      .map(([k, bytes]) => ({ layer: k, change: 'added' as const, command: image.layers[k]?.command ?? '', sizeBytes: bytes }));
    steps.push({ layer, change, command: image.layers[layer]?.command ?? '', sizeBytes: 0 });
    reasons.push({ path, scope: 'directory', sizeBytes, steps, hint: cacheHintFor(`${path}/`) ?? DELETED_LATER });
  }
  return reasons.sort((a, b) => b.sizeBytes - a.sizeBytes || (a.path < b.path ? -1 : 1));
}
