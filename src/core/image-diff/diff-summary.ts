// The two images side by side: their numbers, and which layers they share.
import type { ImageModel } from '../model.js';
import type { ImageAnalysis } from '../tree-types.js';

export interface ImageSide {
  readonly name: string;
  readonly id?: string;
  readonly sizeBytes: number;
  readonly layerCount: number;
  readonly efficiency: number;
  readonly wastedBytes: number;
  readonly userWastedPercent: number;
  readonly honestWasteBytes: number;
  readonly finalVisibleBytes: number;
  readonly finalFileCount: number;
}

export interface LayerSharing {
  /** Layers (by diff id) that both images have, wherever they sit. */
  readonly shared: number;
  /** How many layers, from the base up, are the same in both: the histories part after these. */
  readonly commonPrefix: number;
  /** Per layer of A, and of B: is its diff id in the other image too. */
  readonly sharedInA: readonly boolean[];
  readonly sharedInB: readonly boolean[];
}

export function imageSide(image: ImageModel, analysis: ImageAnalysis): ImageSide {
  return {
    name: image.name,
    ...(image.id ? { id: image.id } : {}),
    sizeBytes: analysis.dive.sizeBytes,
    layerCount: image.layers.length,
    efficiency: analysis.dive.efficiency,
    wastedBytes: analysis.dive.wastedBytes,
    userWastedPercent: analysis.dive.userWastedPercent,
    honestWasteBytes: analysis.waste.totalBytes,
    finalVisibleBytes: analysis.waste.finalVisibleBytes,
    finalFileCount: analysis.waste.finalFileCount,
  };
}

export function layerSharing(a: ImageModel, b: ImageModel): LayerSharing {
  const idsA = new Set(a.layers.map((l) => l.diffId));
  const idsB = new Set(b.layers.map((l) => l.diffId));
  let commonPrefix = 0;
  while (
    commonPrefix < a.layers.length &&
    commonPrefix < b.layers.length &&
    a.layers[commonPrefix]!.diffId === b.layers[commonPrefix]!.diffId
  )
    commonPrefix++;
  let shared = 0;
  for (const id of idsA) if (idsB.has(id)) shared++;
  return {
    shared,
    commonPrefix,
    sharedInA: a.layers.map((l) => idsB.has(l.diffId)),
    sharedInB: b.layers.map((l) => idsA.has(l.diffId)),
  };
}
