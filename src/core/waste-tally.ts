// Honest waste: every content byte a layer wrote is either still visible at the end or was hidden by
// the first later event that hid it; the VisibleState reports those events, this adds them up.
import type { HonestWaste, LayerWaste } from './tree-types.js';
import { HIDE, type HideCause } from './visible-state.js';

export class WasteTally {
  readonly written: Float64Array;
  readonly visible: Float64Array;
  private readonly hiddenBy: [Float64Array, Float64Array, Float64Array];
  fileCount = 0;

  constructor(layerCount: number) {
    this.written = new Float64Array(layerCount);
    this.visible = new Float64Array(layerCount);
    this.hiddenBy = [new Float64Array(layerCount), new Float64Array(layerCount), new Float64Array(layerCount)];
  }

  shown(layer: number, size: number, regular: boolean): void {
    this.visible[layer]! += size;
    if (regular) this.fileCount++;
  }

  hidden(owner: number, size: number, regular: boolean, cause: HideCause): void {
    this.visible[owner]! -= size;
    this.hiddenBy[cause][owner]! += size;
    if (regular) this.fileCount--;
  }

  finish(): HonestWaste {
    const perLayer: LayerWaste[] = [];
    let overwrittenBytes = 0;
    let deletedBytes = 0;
    let opaqueHiddenBytes = 0;
    let finalVisibleBytes = 0;
    for (let k = 0; k < this.written.length; k++) {
      const layer: LayerWaste = {
        index: k,
        writtenBytes: this.written[k]!,
        visibleBytes: this.visible[k]!,
        overwrittenBytes: this.hiddenBy[HIDE.overwritten][k]!,
        deletedBytes: this.hiddenBy[HIDE.deleted][k]!,
        opaqueHiddenBytes: this.hiddenBy[HIDE.opaque][k]!,
      };
      perLayer.push(layer);
      overwrittenBytes += layer.overwrittenBytes;
      deletedBytes += layer.deletedBytes;
      opaqueHiddenBytes += layer.opaqueHiddenBytes;
      finalVisibleBytes += layer.visibleBytes;
    }
    return {
      totalBytes: overwrittenBytes + deletedBytes + opaqueHiddenBytes,
      overwrittenBytes,
      deletedBytes,
      opaqueHiddenBytes,
      finalVisibleBytes,
      finalFileCount: this.fileCount,
      perLayer,
    };
  }
}
