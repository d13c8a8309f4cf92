// When a path is not in an image because a directory on the way is a symlink: layerscope reads paths as
// the layers store them and never follows a link (a link in an image is untrusted, and may point out of
// it), while a shell or `docker run` would. Say which link it is and the path through its target.
import { posix } from 'node:path';
import type { ImageModel } from '../../core/model.js';
import { pathHistory, versionAt } from '../../core/path-history.js';
import { escapeName } from '../../presentation/escape-name.js';

/**
 * The hint for `shown` (absolute) missing at layer `k`: the first ancestor that is a symlink there, and
 * the path through its target; undefined when none is.
 */
export function symlinkHint(image: ImageModel, shown: string, k: number): string | undefined {
  const parts = shown.split('/').filter(Boolean);
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    const id = image.paths.find(dir);
    if (id === undefined) return undefined;
    const v = versionAt(pathHistory(image, id), k);
    if (!v || v.removed || v.entry.kind !== 'symlink') continue;
    const target = v.entry.linkTarget ?? '';
    const through = posix.join(posix.resolve('/', posix.dirname(`/${dir}`), target), ...parts.slice(i));
    return `/${escapeName(dir)} is a symlink to ${escapeName(target)}, which layerscope does not follow: try ${escapeName(through)}`;
  }
  return undefined;
}
