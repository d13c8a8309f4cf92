// Which bytes a (layer, path) names: the regular file the layer wrote there, or, for a hardlink, the
// file it links to (in the same layer, else the version visible below it). Pure: no I/O.
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel, LayerEntry } from '../../core/model.js';
import type { PathId } from '../../core/path-table.js';
import { pathHistory, versionAt } from '../../core/path-history.js';

export interface FileData {
  /** The layer whose tar holds the bytes. */
  readonly layer: number;
  readonly dataOffset: number;
  readonly size: number;
}

const MAX_LINK_HOPS = 16;
/**
 * How messages show an image path. Names are untrusted and io may not import the escaper
 * (presentation), so the caller passes it in (the CLI: escapeName); the default is for tests.
 */
export type ShowName = (name: string) => string;

function entryAt(image: ImageModel, layer: number, path: PathId): LayerEntry | undefined {
  const entries = image.layers[layer]?.entries ?? [];
  // The last entry a layer wrote at a path wins (parse-layer.ts keeps one, but stay exact).
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.path === path && e.kind !== 'whiteout' && e.kind !== 'opaque') return e;
  }
  return undefined;
}

export function fileData(image: ImageModel, layer: number, path: PathId, show: ShowName = (n) => n): FileData {
  const shown = (_: ImageModel, at: PathId): string => `/${show(image.paths.path(at))}`;
  let at = { layer, path };
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const entry = entryAt(image, at.layer, at.path);
    if (!entry) {
      throw new LayerscopeError(
        'usage',
        `layer ${at.layer + 1} wrote no file at ${shown(image, at.path)}`,
        'see which layers did: layerscope log SOURCE PATH',
      );
    }
    if (entry.kind === 'file') {
      if (entry.dataOffset === undefined)
        throw new LayerscopeError(
          'source',
          `the bytes of ${shown(image, at.path)} were not located when the image was read`,
          'this source cannot show file contents',
        );
      return { layer: at.layer, dataOffset: entry.dataOffset, size: entry.size };
    }
    if (entry.kind !== 'hardlink') {
      throw new LayerscopeError(
        'usage',
        `${shown(image, at.path)} in layer ${at.layer + 1} is a ${entry.kind}, not a regular file`,
        'only regular files have contents',
      );
    }
    const target = image.paths.find(entry.linkTarget ?? '');
    if (target === undefined)
      throw new LayerscopeError(
        'archive',
        `hardlink ${shown(image, at.path)} points to '${show(entry.linkTarget ?? '')}', which is not in the image`,
        'the layer is damaged',
      );
    // A hardlink's target is in the same tar, written before it; failing that, the version below.
    if (entryAt(image, at.layer, target)) at = { layer: at.layer, path: target };
    else {
      const below = versionAt(pathHistory(image, target), at.layer - 1);
      if (!below || below.removed)
        throw new LayerscopeError(
          'archive',
          `hardlink ${shown(image, at.path)} points to '${show(entry.linkTarget ?? '')}', which is not in the image`,
          'the layer is damaged',
        );
      at = { layer: below.layer, path: target };
    }
  }
  throw new LayerscopeError('archive', `hardlinks at ${shown(image, path)} form a loop`, 'the layer is damaged');
}
