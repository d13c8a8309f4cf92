// File contents for the explorer: the viewer reads through the image's ContentReader (the layer store
// where it holds a layer; compressed layers go on into the store after their first read, so the next
// file of that layer is a seek), and x extracts into the current directory by `extract`'s rules (never
// overwrites, never writes outside it). The image read itself keeps no stream layer: `layerscope IMAGE`
// keeps its speed (see the README's File contents); the first file viewed brings its layer into the store
// (a registry's fetched again, a daemon's image exported again). A stdin image's files show only with
// --keep-layers, or once `cat`/`extract` stored its layers.
import { ROOT, type ImageModel } from '../../core/index.js';
import { extractPath } from '../commands/extract-command.js';
import { contentSetup, type ContentSetup } from '../commands/layer-store-setup.js';
import type { ExplorerContent } from './run-explore.js';

/** What runExplore calls once the image is read. `dir`: where x writes (the current directory). */
export function exploreContent(
  env: NodeJS.ProcessEnv,
  dir: string,
): Pick<ContentSetup, 'readOptions' | 'refetchOptions'> & { content: (image: ImageModel) => ExplorerContent } {
  const setup = contentSetup(env, {}); // a bad LAYERSCOPE_CACHE_MAX fails here, before the image is read
  // --keep-layers: the read of a daemon, podman, registry or stdin image keeps each layer in the store as it passes.
  return {
    readOptions: setup.readOptions,
    refetchOptions: setup.refetchOptions,
    content: (image) => {
      const reader = setup.reader(image, true);
      return {
        reader,
        extract: (layer, path) => extractPath(image, reader, layer, path, path === ROOT ? '/' : `/${image.paths.path(path)}`, dir, false),
        close: () => reader.close().finally(setup.close),
      };
    },
  };
}
