// What to ask the daemon for. A bare repository name (`busybox`) would make `/images/{name}/get` export
// every tag of it, so it becomes `busybox:latest`, exactly what `docker run busybox` would mean.
import { LayerscopeError } from '../../core/errors.js';

/** Full or short image id, with or without `sha256:`. */
export const looksLikeImageId = (ref: string): boolean => /^(sha256:)?[0-9a-f]{12,64}$/.test(ref);

/** `name` → `name:latest`; tags, digests and ids unchanged. A `:` before the last `/` is a registry port. */
export function lookupReference(ref: string): string {
  const trimmed = ref.trim();
  if (!trimmed) throw new LayerscopeError('usage', 'no image named', 'give an image reference, e.g. busybox:latest');
  // Docker refuses a reference with white space in or around it; taken as it came, the name kept it
  // (a pasted 'app:1\n' showed as the image's name).
  if (/\s/.test(ref)) {
    throw new LayerscopeError(
      'usage',
      `'${ref}' is not an image reference (it holds white space)`,
      'write NAME[:TAG] without spaces or line breaks',
    );
  }
  // The Engine routes /images/{name}/json with the name as path segments, and Go's router answers a path
  // with an empty, '.' or '..' segment with a redirect to its cleaned form, not an answer: caught here, a
  // mistyped file path reads as one rather than as a daemon that is "not the Docker daemon".
  if (trimmed.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new LayerscopeError(
      'usage',
      `'${trimmed}' is not an image reference (a reference has no empty, '.' or '..' parts)`,
      'a file? check its path (and leave out docker: or --source docker); else write NAME[:TAG], NAME@sha256:… or an image id',
    );
  }
  if (trimmed.includes('@') || looksLikeImageId(trimmed)) return trimmed;
  const lastSegment = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? trimmed : `${trimmed}:latest`;
}
