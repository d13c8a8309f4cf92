// Which version of a path `cat` and `extract` mean at a layer, and the one-line refusals when there is
// none: absent (saying which layers do have it), removed there, or never in the image.
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel, LayerEntry } from '../../core/model.js';
import type { PathId } from '../../core/path-table.js';
import { pathHistory, versionAt } from '../../core/path-history.js';
import { symlinkHint } from './symlink-hint.js';

export interface VersionAt {
  readonly entry: LayerEntry;
  /** The layer that wrote it (0-based). */
  readonly layer: number;
}

/** Layers (1-based) at which the path is visible, as runs: "2-4, 7". */
function presentAt(image: ImageModel, path: PathId): string {
  const history = pathHistory(image, path);
  const runs: string[] = [];
  let start = -1;
  for (let k = 0; k <= image.layers.length; k++) {
    const v = k < image.layers.length ? versionAt(history, k) : undefined;
    const here = v !== undefined && !v.removed;
    if (here && start < 0) start = k;
    if (!here && start >= 0) {
      runs.push(start === k - 1 ? `${start + 1}` : `${start + 1}-${k}`);
      start = -1;
    }
  }
  return runs.join(', ');
}

/** The version visible at layer k; undefined when the path is only an implicit directory there. */
export function versionFor(
  image: ImageModel,
  path: PathId | undefined,
  k: number,
  shown: string,
  implicitDirOk: boolean,
): VersionAt | undefined {
  if (path === undefined) {
    throw new LayerscopeError(
      'usage',
      `${shown} is in no layer of ${image.name}`,
      symlinkHint(image, shown, k) ?? "check the path: layerscope SOURCE shows every layer's files",
    );
  }
  const v = versionAt(pathHistory(image, path), k);
  if (v && !v.removed) return { entry: v.entry, layer: v.layer };
  if (!v && implicitDirOk) return undefined;
  const where = presentAt(image, path);
  const hint = where ? `it exists at layer ${where}: add --layer ${where.split(/[-,]/)[0]}` : 'no layer has it';
  if (v?.removed) throw new LayerscopeError('usage', `${shown} was removed at layer ${k + 1} (a whiteout or an opaque directory)`, hint);
  throw new LayerscopeError('usage', `${shown} does not exist at layer ${k + 1}`, hint);
}
