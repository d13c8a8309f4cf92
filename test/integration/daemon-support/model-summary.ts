// What "the same analysis" means when one image is read through different sources: the same layers
// (DiffIDs, commands), the same entries in each, and the same numbers. Transport details (tags, the
// archive's shape, compressed digests) may differ and are left out.
import { createReadStream } from 'node:fs';
import { analyzeImage } from '../../../src/core/analyze.js';
import type { ImageModel } from '../../../src/core/model.js';
import { readImageArchive } from '../../../src/io/archive/read-image-archive.js';

export function summarise(model: ImageModel) {
  const analysis = analyzeImage(model);
  return {
    layers: model.layers.map((layer) => ({
      diffId: layer.diffId,
      command: layer.command,
      sizeBytes: layer.sizeBytes,
      entries: layer.entries.map((e) => [model.paths.path(e.path), e.kind, e.size, e.mode, e.linkTarget ?? '', e.hash ?? ''].join(' ')),
    })),
    history: model.history.map((h) => [h.createdBy, h.layerIndex ?? '-'].join(' ')),
    dive: analysis.dive,
    waste: analysis.waste,
  };
}

export const readArchiveFile = (file: string): Promise<ImageModel> => readImageArchive(createReadStream(file), {}, file);
