// Where each secret found in a layer lives now: still in the final image, or removed (overwritten,
// deleted, hidden by an opaque directory) by a later layer but still readable from the layer that
// wrote it, by anyone who pulls the image.
import type { ImageModel } from '../model.js';
import { pathHistory } from '../path-history.js';
import type { PathId } from '../path-table.js';

export type { SecretFinding, SecretScanResult } from './secret-types.js';
import type { SecretFinding } from './secret-types.js';

export type SecretPlace =
  | { readonly inFinalImage: true }
  | { readonly inFinalImage: false; readonly goneAt: number; readonly how: 'overwritten' | 'removed' | 'opaque-hidden' };

export interface LocatedSecret extends SecretFinding {
  readonly place: SecretPlace;
}

/** Where the version `layer` wrote at `path` stopped being visible, if it did. */
export function placeOf(image: ImageModel, path: PathId, layer: number): SecretPlace {
  for (const step of pathHistory(image, path)) {
    if (step.layer <= layer) continue;
    if (step.change === 'added') continue;
    const how = step.change === 'modified' ? 'overwritten' : step.change;
    return { inFinalImage: false, goneAt: step.layer, how };
  }
  return { inFinalImage: true };
}

/** The findings with their place, in layer then path order. */
export function locateSecrets(image: ImageModel): LocatedSecret[] {
  const findings = image.secrets?.findings ?? [];
  const places = new Map<string, SecretPlace>();
  return [...findings]
    .sort((a, b) => a.layer - b.layer || image.paths.path(a.path).localeCompare(image.paths.path(b.path)) || a.rule.localeCompare(b.rule))
    .map((f) => {
      const key = `${f.layer}:${f.path}`;
      let place = places.get(key);
      if (!place) {
        place = placeOf(image, f.path, f.layer);
        places.set(key, place);
      }
      return { ...f, place };
    });
}
