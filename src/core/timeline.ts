// What each path shows after each layer, recorded as change events during the one pass and packed
// per path (CSR): `refAt(path, k)` is a binary search over that path's few changes, so any stacked
// image can be read back without replaying layers.
import { GrowableInt32 } from './growable.js';
import type { PathId } from './path-table.js';

export class TimelineRecorder {
  private readonly paths = new GrowableInt32(4096);
  private readonly layers = new GrowableInt32(4096);
  private readonly refs = new GrowableInt32(4096);

  /** Events must arrive in layer order; within one layer the last event of a path wins. */
  record(path: PathId, layer: number, ref: number): void {
    this.paths.push(path);
    this.layers.push(layer);
    this.refs.push(ref);
  }

  pack(pathCount: number): Timeline {
    const n = this.paths.length;
    const start = new Int32Array(pathCount + 1);
    for (let i = 0; i < n; i++) start[this.paths.get(i) + 1]!++;
    for (let p = 0; p < pathCount; p++) start[p + 1]! += start[p]!;
    const fill = start.slice(0, pathCount);
    const layers = new Int32Array(n);
    const refs = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const at = fill[this.paths.get(i)]!++;
      layers[at] = this.layers.get(i);
      refs[at] = this.refs.get(i);
    }
    return new Timeline(start, layers, refs);
  }
}

export class Timeline {
  constructor(
    private readonly start: Int32Array,
    private readonly layers: Int32Array,
    private readonly refs: Int32Array,
  ) {}

  /** Entry ref visible at `path` once layers 0..k are stacked; -1 when absent (always for k < 0). */
  refAt(path: PathId, k: number): number {
    let lo = this.start[path]!;
    let hi = this.start[path + 1]!;
    if (k < 0 || lo === hi || this.layers[lo]! > k) return -1;
    // Last event with layer <= k.
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.layers[mid]! <= k) lo = mid;
      else hi = mid;
    }
    return this.refs[lo]!;
  }
}
