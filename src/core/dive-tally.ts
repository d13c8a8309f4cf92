// dive's efficiency bookkeeping (FORMATS.md §5), per path id: every leaf of every layer's own tree
// adds its size to cum, lowers min and bumps count. Only the inefficient paths become strings.
import type { DiveNumbers, InefficientFile } from './tree-types.js';
import type { PathId, PathTable } from './path-table.js';

export class DiveTally {
  private readonly cum: Float64Array;
  private readonly min: Float64Array;
  private readonly count: Int32Array;

  constructor(pathCount: number) {
    this.cum = new Float64Array(pathCount);
    this.min = new Float64Array(pathCount);
    this.count = new Int32Array(pathCount);
  }

  visit(path: PathId, size: number): void {
    const seen = this.count[path]!;
    this.cum[path]! += size;
    if (seen === 0 || size < this.min[path]!) this.min[path] = size;
    this.count[path] = seen + 1;
  }

  finish(paths: PathTable, layerSizes: readonly number[]): DiveNumbers {
    let sumMin = 0;
    let sumCum = 0;
    let wastedBytes = 0;
    const repeated: { path: string; count: number; sizeBytes: number }[] = [];
    for (let p = 0; p < this.count.length; p++) {
      const count = this.count[p]!;
      if (count === 0) continue;
      sumMin += this.min[p]!;
      sumCum += this.cum[p]!;
      if (count >= 2) {
        wastedBytes += this.cum[p]!;
        repeated.push({ path: paths.path(p), count, sizeBytes: this.cum[p]! });
      }
    }
    repeated.sort((a, b) => b.sizeBytes - a.sizeBytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const sizeBytes = layerSizes.reduce((sum, s) => sum + s, 0);
    const userSizeBytes = sizeBytes - (layerSizes[0] ?? 0);
    const inefficientFiles: readonly InefficientFile[] = repeated;
    return {
      efficiency: sumCum === 0 ? 1 : sumMin / sumCum,
      wastedBytes,
      sizeBytes,
      userSizeBytes,
      // dive divides by zero here. Nothing wasted (a one-layer image): 0 rather than its NaN, which passes
      // its gate as 0 does. Bytes wasted by layers that add none (a layer that only deletes): +Inf, as dive,
      // which fails a highestUserWastedPercent gate where 0 would pass it.
      userWastedPercent: userSizeBytes > 0 ? wastedBytes / userSizeBytes : wastedBytes > 0 ? Infinity : 0,
      inefficientFiles,
    };
  }
}
