// dive's numbers, honest waste and dangling whiteouts of an image, from the shared one-pass history.
import type { ImageModel } from './model.js';
import type { ImageAnalysis } from './tree-types.js';
import { imageHistory } from './image-history.js';

export function analyzeImage(image: ImageModel): ImageAnalysis {
  const history = imageHistory(image);
  return { dive: history.dive, waste: history.waste, danglingWhiteouts: history.danglingWhiteouts };
}
