// Low-level read failures → one line saying what is wrong and where, with a hint. Decided by type: the
// project's own tar readers throw TarFormatError; zlib, streams and the zstd decoders are told apart by
// their error codes (ZstdError is zstd's, from either decoder). Anything already a LayerscopeError passes.
import { LayerscopeError } from '../../core/errors.js';
import { TarFormatError } from './tar-errors.js';
import { LimitExceeded } from '../image/limits.js';

/** Codes of a stream or decompressor that stopped before its data did. */
const TRUNCATED_CODES = new Set(['Z_BUF_ERROR', 'ERR_STREAM_PREMATURE_CLOSE', 'ZSTD_TRUNCATED']);

/**
 * `where`: the member being read ('layer blob abc/layer.tar'), or undefined for the outer archive.
 * `memberWhole`: the archive gave all of the member's bytes, so data that ends early is the layer's own
 * (cut before it was archived), not the archive's.
 */
export function toArchiveError(
  error: unknown,
  where: string | undefined,
  compression?: 'gzip' | 'zstd',
  memberWhole = false,
): LayerscopeError {
  if (error instanceof LayerscopeError) return error;
  if (error instanceof LimitExceeded)
    return new LayerscopeError('archive', `${where ?? 'the archive'}: ${error.message}`, error.hint, { cause: error });
  const code = (error as { code?: unknown } | undefined)?.code;
  const reexport = 'export the image again (docker save, skopeo copy) and check the copy is complete';
  const truncated = error instanceof TarFormatError ? error.problem === 'truncated' : typeof code === 'string' && TRUNCATED_CODES.has(code);
  if (truncated && where && memberWhole) {
    return new LayerscopeError(
      'archive',
      `${where} is cut short: the archive holds all of its bytes, but its ${compression ?? 'tar'} data ends early`,
      `the layer was damaged before it was archived; ${reexport}`,
      { cause: error },
    );
  }
  if (truncated) {
    return new LayerscopeError(
      'archive',
      where ? `archive ends in the middle of ${where}` : 'unexpected end of archive',
      `the archive is truncated; ${reexport}`,
      { cause: error },
    );
  }
  if (error instanceof TarFormatError) {
    return new LayerscopeError(
      'archive',
      `corrupt tar header in ${where ?? 'the archive'}`,
      `the archive is damaged, or not a tar; ${reexport}`,
      { cause: error },
    );
  }
  if (compression) {
    return new LayerscopeError(
      'archive',
      `corrupt ${compression} data in ${where ?? 'the archive'}`,
      `the archive is damaged; ${reexport}`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LayerscopeError('archive', `cannot read ${where ?? 'the archive'}: ${message}`, reexport, { cause: error });
}
