// The one pass over the layers that everything else reads: layers are applied in order to an
// incremental VisibleState, and along the way we record the per-path timeline (for trees), dive's
// tallies, honest waste and dangling whiteouts. Cost grows with the number of entries (plus each
// deleted subtree once), never entries × layers. Cached per image: trees and analysis share it.
import type { ImageModel } from './model.js';
import { ROOT, type PathId } from './path-table.js';
import type { DanglingWhiteout, DiveNumbers, HonestWaste } from './tree-types.js';
import { EntryStore } from './entry-store.js';
import { LayerStamps, type LayerView } from './layer-view.js';
import { TimelineRecorder, type Timeline } from './timeline.js';
import { DiveTally } from './dive-tally.js';
import { WasteTally } from './waste-tally.js';
import { HIDE, VisibleState, type HideCause, type VisibilityObserver } from './visible-state.js';
import { isRegularFile } from './entry-diff.js';

export interface LayerRecord extends LayerView {
  /** Per whiteout: the entry it deleted (-1 when nothing was there) and the bytes deleted with it. */
  readonly whiteoutLowerRefs: Int32Array;
  readonly whiteoutDeletedBytes: Float64Array;
}

export interface LayerStacking {
  readonly image: ImageModel;
  readonly store: EntryStore;
  readonly timeline: Timeline;
  readonly layers: readonly LayerRecord[];
  readonly dive: DiveNumbers;
  readonly waste: HonestWaste;
  readonly danglingWhiteouts: readonly DanglingWhiteout[];
}

const cache = new WeakMap<ImageModel, LayerStacking>();

/** The image's history, computed once per ImageModel. */
export function stackLayers(image: ImageModel): LayerStacking {
  let history = cache.get(image);
  if (!history) {
    history = new HistoryPass(image).run();
    cache.set(image, history);
  }
  return history;
}

class HistoryPass implements VisibilityObserver {
  private readonly store: EntryStore;
  private readonly recorder = new TimelineRecorder();
  private readonly waste: WasteTally;
  private readonly dive: DiveTally;
  private readonly stamps: LayerStamps;
  private readonly state: VisibleState;
  /** Layer stamp (index + 1) of paths that have a node below them in the current layer's own tree. */
  private readonly hasChild: Int32Array;
  /**
   * Whether dive's own stacked tree holds a directory at each path: dive gives implied parents an
   * empty FileInfo (not a directory) and stacking copies it over the lower entry, so a whiteout of a
   * directory that the last layer touching it only implied counts 0 in dive. Kept to match it.
   */
  private readonly diveDir: Uint8Array;
  /**
   * Hardlinks share their target's inode: while a visible link holds a file's content, hiding the
   * file's name hides no bytes. Per file ref, how many visible links hold it; per link ref, the file
   * ref it holds (-1 none); and the bytes of held files whose names are gone, waiting for the last link.
   */
  private readonly holds = new Map<number, number>();
  private readonly heldBy = new Map<number, number>();
  private readonly heldBytes = new Map<number, { owner: number; size: number }>();
  private readonly dangling: DanglingWhiteout[] = [];

  constructor(private readonly image: ImageModel) {
    const n = image.paths.size;
    this.store = new EntryStore(image);
    this.waste = new WasteTally(image.layers.length);
    this.dive = new DiveTally(n);
    this.stamps = new LayerStamps(n);
    this.state = new VisibleState(image.paths, this.store, this);
    this.hasChild = new Int32Array(n);
    this.diveDir = new Uint8Array(n);
  }

  run(): LayerStacking {
    const layers = this.image.layers.map((layer, k) => this.apply(this.stamps.split(layer, k, this.store.layerStart[k]!)));
    return {
      image: this.image,
      store: this.store,
      timeline: this.recorder.pack(this.image.paths.size),
      layers,
      dive: this.dive.finish(
        this.image.paths,
        this.image.layers.map((l) => l.sizeBytes),
      ),
      waste: this.waste.finish(),
      danglingWhiteouts: this.dangling,
    };
  }

  shown(path: PathId, ref: number, layer: number, replacedRef: number, replacedOwner: number): void {
    this.recorder.record(path, layer, ref);
    if (replacedRef >= 0) this.hideBytes(replacedRef, replacedOwner, HIDE.overwritten);
    const entry = this.store.get(ref);
    this.waste.shown(layer, entry.size, isRegularFile(entry.kind));
  }

  hidden(path: PathId, ref: number, owner: number, cause: HideCause, layer: number): void {
    this.recorder.record(path, layer, -1);
    this.hideBytes(ref, owner, cause);
  }

  private hideBytes(ref: number, owner: number, cause: HideCause): void {
    const entry = this.store.get(ref);
    if (entry.kind === 'file' && (this.holds.get(ref) ?? 0) > 0) {
      // The name goes, the bytes stay visible through a link: they become hidden with the last link.
      this.heldBytes.set(ref, { owner, size: entry.size });
      this.waste.hidden(owner, 0, true, cause);
      return;
    }
    this.waste.hidden(owner, entry.size, isRegularFile(entry.kind), cause);
    if (entry.kind === 'hardlink') this.release(ref, cause);
  }

  /** Links written by this layer take hold of the file visible at their target once the layer is applied. */
  private holdLinkTargets(view: LayerView): void {
    view.ownRefs.forEach((ref) => {
      const entry = this.store.get(ref);
      if (entry.kind !== 'hardlink' || entry.linkTarget === undefined) return;
      const target = this.image.paths.find(entry.linkTarget);
      const file = target === undefined ? -1 : this.state.ref[target]!;
      if (file < 0 || this.store.get(file).kind !== 'file') return;
      this.heldBy.set(ref, file);
      this.holds.set(file, (this.holds.get(file) ?? 0) + 1);
    });
  }

  private release(link: number, cause: HideCause): void {
    const file = this.heldBy.get(link);
    if (file === undefined) return;
    this.heldBy.delete(link);
    const left = this.holds.get(file)! - 1;
    this.holds.set(file, left);
    const held = this.heldBytes.get(file);
    if (left > 0 || !held) return;
    this.heldBytes.delete(file);
    this.waste.hidden(held.owner, held.size, false, cause);
  }

  private apply(view: LayerView): LayerRecord {
    const k = view.index;
    const { state, store } = this;
    this.waste.written[k] = view.writtenBytes;
    // Whiteouts are measured against layers 0..k-1 before this layer changes anything.
    const whiteoutLowerRefs = new Int32Array(view.whiteouts.length);
    const whiteoutDeletedBytes = new Float64Array(view.whiteouts.length);
    const diveBytes = new Float64Array(view.whiteouts.length);
    view.whiteouts.forEach((p, j) => {
      if (!state.everPresent[p]) this.dangling.push({ layer: k, path: this.image.paths.path(p) });
      const lower = state.ref[p]!;
      whiteoutLowerRefs[j] = lower;
      whiteoutDeletedBytes[j] = lower >= 0 ? state.subtreeBytes[p]! : 0;
      diveBytes[j] = lower >= 0 && this.diveDir[p] === 1 ? state.subtreeBytes[p]! : 0;
    });
    this.tallyDive(view, diveBytes);
    // Deletions touch only what lies below (applied before any write of this layer, whatever the tar order).
    for (const p of view.whiteouts) state.hideSubtree(p, HIDE.deleted, k);
    for (const d of view.opaques) state.hideChildren(d, HIDE.opaque, k);
    // A non-directory over a directory hides the lower directory's subtree (nothing of this layer is there yet).
    view.ownPaths.forEach((p, j) => {
      if (store.get(view.ownRefs[j]!).kind !== 'dir') state.hideChildren(p, HIDE.overwritten, k);
    });
    view.ownPaths.forEach((p, j) => {
      state.show(p, view.ownRefs[j]!, k);
      this.ensureParents(p, k);
    });
    for (const d of view.opaques) if (d !== ROOT && this.ensureDir(d, k)) this.ensureParents(d, k);
    for (const w of view.whiteouts) this.ensureParents(w, k);
    this.holdLinkTargets(view);
    return { ...view, whiteoutLowerRefs, whiteoutDeletedBytes };
  }

  /** Make `path` a visible directory for layer k; true when its parents still need the same. */
  private ensureDir(path: PathId, k: number): boolean {
    const { state } = this;
    if (state.isVisible(path)) {
      // A lower non-directory under a new path is replaced; the layer's own entry always stands.
      if (!state.isVisibleDir(path) && this.stamps.own[path] !== k + 1) state.show(path, this.store.implied(path), k);
      return false;
    }
    state.show(path, this.store.implied(path), k);
    return true;
  }

  private ensureParents(path: PathId, k: number): void {
    const paths = this.image.paths;
    for (let at = paths.parent(path); at !== ROOT && this.ensureDir(at, k); at = paths.parent(at));
  }

  /**
   * dive's leaves of this layer's own tree (implied parents included, opaque markers dropped but
   * their directory kept). A whiteout is its own `.wh.` node in dive, so it is always a leaf and
   * is counted even when the layer also writes the same path.
   */
  private tallyDive(view: LayerView, whiteoutBytes: Float64Array): void {
    const stamp = view.index + 1;
    const paths = this.image.paths;
    // Every ancestor of a node has a child (the implied ones included); stop where a walk already went.
    const mark = (p: PathId) => {
      if (p === ROOT) return; // a top-level opaque marker: dive adds nothing for it
      for (let at = paths.parent(p); at !== ROOT && this.hasChild[at] !== stamp; at = paths.parent(at)) {
        this.hasChild[at] = stamp;
        this.diveDir[at] = 0; // implied here (an own entry at `at` sets it again below)
      }
    };
    view.ownPaths.forEach(mark);
    view.whiteouts.forEach(mark);
    view.opaques.forEach(mark);
    view.ownPaths.forEach((p, j) => {
      const entry = this.store.get(view.ownRefs[j]!);
      this.diveDir[p] = entry.kind === 'dir' ? 1 : 0;
      if (this.hasChild[p] !== stamp) this.dive.visit(p, entry.size);
    });
    for (const d of view.opaques) {
      if (d === ROOT || this.stamps.own[d] === stamp) continue;
      this.diveDir[d] = 0;
      if (this.hasChild[d] !== stamp) this.dive.visit(d, 0);
    }
    view.whiteouts.forEach((p, j) => this.dive.visit(p, whiteoutBytes[j]!));
  }
}
