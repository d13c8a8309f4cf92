// JSON members of an archive (manifests, indexes, configs) are kept while the archive streams past, up to
// a cap, and parsed only when the manifest asks for them: a huge attestation nobody reads is no error.
import { LayerscopeError } from '../../core/errors.js';

export const JSON_CAP_BYTES = 32 * 1024 * 1024;

export function parseJsonBlob(bytes: Buffer, where: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new LayerscopeError('archive', `invalid JSON in ${where}`, 'the archive is damaged; export the image again', { cause: error });
  }
}

export function tooBig(where: string): LayerscopeError {
  return new LayerscopeError(
    'archive',
    `${where} is larger than ${JSON_CAP_BYTES / 1024 / 1024} MiB, too big for image metadata`,
    'this does not look like an image archive made by docker, podman or skopeo',
  );
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
