// dive's numbers, honest waste and dangling whiteouts of an image, from the shared one-pass history.
import type { ImageModel } from './model.js';
import type { ImageAnalysis } from './tree-types.js';
import { stackLayers } from './layer-stacking.js';

export function analyzeImage(image: ImageModel): ImageAnalysis {
  const history = stackLayers(image);
  return { dive: history.dive, waste: history.waste, danglingWhiteouts: history.danglingWhiteouts };
}
