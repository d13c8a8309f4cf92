// One layer's entries, deduplicated by path and split by role, so that order inside the tar never
// matters: own writes (last one wins), whiteouts, opaque markers.
import type { Layer } from './model.js';
import { ROOT } from './path-table.js';

export interface LayerView {
  readonly index: number;
  /** Paths the layer writes, and the global entry ref (EntryStore) of each. */
  readonly ownPaths: Int32Array;
  readonly ownRefs: Int32Array;
  /** Paths the layer's whiteouts delete. */
  readonly whiteouts: Int32Array;
  /** Refs of the whiteout marker entries, aligned with `whiteouts`. */
  readonly whiteoutRefs: Int32Array;
  /** Directories that carry an opaque marker. */
  readonly opaques: Int32Array;
  /** Content bytes of the own writes. */
  readonly writtenBytes: number;
}

/** Per-path stamps shared by every layer of one pass, so splitting a layer costs its entry count. */
export class LayerStamps {
  readonly own: Int32Array;
  readonly whiteout: Int32Array;
  readonly opaque: Int32Array;
  private readonly ownSlot: Int32Array;

  constructor(pathCount: number) {
    this.own = new Int32Array(pathCount);
    this.whiteout = new Int32Array(pathCount);
    this.opaque = new Int32Array(pathCount);
    this.ownSlot = new Int32Array(pathCount);
  }

  /** Split the layer at position `index` (its first entry has ref `firstRef`); stamps become `index + 1`. */
  split(layer: Layer, index: number, firstRef: number): LayerView {
    const stamp = index + 1;
    const ownPaths: number[] = [];
    const ownRefs: number[] = [];
    const whiteouts: number[] = [];
    const whiteoutRefs: number[] = [];
    const opaques: number[] = [];
    layer.entries.forEach((entry, j) => {
      const p = entry.path;
      // The root is no node: a './' entry changes nothing we show, and a whiteout of it means nothing.
      // An opaque marker at the top level hides nothing either: the OCI spec would have it hide every
      // lower layer, but Docker's overlay2 puts the opaque xattr on the layer's root, which overlayfs
      // never consults (measured: the lower files stay in `docker export`). Docker wins; see
      // docs/formats-notes.md. The entry stays in the layer (JSON lists it); only stacking skips it.
      if (p === ROOT) return;
      if (entry.kind === 'whiteout') {
        if (this.whiteout[p] !== stamp) {
          this.whiteout[p] = stamp;
          whiteouts.push(p);
          whiteoutRefs.push(firstRef + j);
        }
      } else if (entry.kind === 'opaque') {
        if (this.opaque[p] !== stamp) {
          this.opaque[p] = stamp;
          opaques.push(p);
        }
      } else if (this.own[p] === stamp) {
        ownRefs[this.ownSlot[p]!] = firstRef + j; // a path written twice in one tar: the later one is what lands
      } else {
        this.own[p] = stamp;
        this.ownSlot[p] = ownPaths.length;
        ownPaths.push(p);
        ownRefs.push(firstRef + j);
      }
    });
    let writtenBytes = 0;
    for (const ref of ownRefs) writtenBytes += layer.entries[ref - firstRef]!.size;
    return {
      index,
      ownPaths: Int32Array.from(ownPaths),
      ownRefs: Int32Array.from(ownRefs),
      whiteouts: Int32Array.from(whiteouts),
      whiteoutRefs: Int32Array.from(whiteoutRefs),
      opaques: Int32Array.from(opaques),
      writtenBytes,
    };
  }
}
