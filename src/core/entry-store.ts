// Every entry of an image gets an integer ref (layer by layer, in tar order), so per-path state can
// live in typed arrays. Implied parent directories get one synthetic entry per path, appended on demand.
import type { ImageModel, LayerEntry } from './model.js';
import type { PathId } from './path-table.js';

export class EntryStore {
  readonly entries: LayerEntry[] = [];
  /** Ref of the first entry of each layer. */
  readonly layerStart: Int32Array;
  /** Refs from here on are synthetic implied directories. */
  readonly realCount: number;
  private readonly impliedRef: Int32Array;

  constructor(image: ImageModel) {
    this.layerStart = new Int32Array(image.layers.length);
    image.layers.forEach((layer, k) => {
      this.layerStart[k] = this.entries.length;
      for (const entry of layer.entries) this.entries.push(entry);
    });
    this.realCount = this.entries.length;
    this.impliedRef = new Int32Array(image.paths.size).fill(-1);
  }

  get(ref: number): LayerEntry {
    return this.entries[ref]!;
  }

  isImplied(ref: number): boolean {
    return ref >= this.realCount;
  }

  /** The synthetic directory standing for `path` when no layer wrote it (same ref every time). */
  implied(path: PathId): number {
    let ref = this.impliedRef[path]!;
    if (ref < 0) {
      ref = this.entries.length;
      this.entries.push({ path, kind: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0 });
      this.impliedRef[path] = ref;
    }
    return ref;
  }
}
