// What `layerscope diff` hands the comparison for one image built by hand: the image, its analysis and
// its final filesystem; and a rebuilt layer's own diff id (buildModel numbers diff ids by position, so
// two images built with it share every layer unless told otherwise).
import { analyzeImage } from '../../src/core/analyze.js';
import type { DiffInput } from '../../src/core/image-diff/index.js';
import { ImageTrees } from '../../src/core/image-trees.js';
import type { ImageModel } from '../../src/core/model.js';

export const diffInput = (image: ImageModel): DiffInput => ({
  image,
  analysis: analyzeImage(image),
  finalTree: new ImageTrees(image).stackedTree(image.layers.length - 1),
});

/** `image` with layer `at` given a diff id of its own (sha256:f…f), as a real rebuild of that layer has. */
export const rebuiltLayer = (image: ImageModel, at: number): ImageModel => ({
  ...image,
  layers: image.layers.map((layer, i) => (i === at ? { ...layer, diffId: `sha256:${'f'.repeat(64)}` } : layer)),
});
