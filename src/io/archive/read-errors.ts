// Low-level stream failures (tar-stream, zlib, fzstd, closed pipes) → one line saying what is wrong and
// where, with a hint. Anything already a LayerscopeError passes through.
import { LayerscopeError } from '../../core/errors.js';

const TRUNCATED = /unexpected end|unexpected EOF|premature (close|end)|ERR_STREAM_PREMATURE_CLOSE|tar parser closed/i;
const BAD_HEADER = /invalid tar header|header exceeds max size|invalid header/i;

/** `where`: the member being read ('layer blob abc/layer.tar'), or undefined for the outer archive. */
export function toArchiveError(error: unknown, where: string | undefined, compression?: 'gzip' | 'zstd'): LayerscopeError {
  if (error instanceof LayerscopeError) return error;
  const text = error instanceof Error ? `${error.message} ${(error as { code?: string }).code ?? ''}` : String(error);
  const reexport = 'export the image again (docker save, skopeo copy) and check the copy is complete';
  if (TRUNCATED.test(text)) {
    return new LayerscopeError('archive', where ? `archive ends in the middle of ${where}` : 'unexpected end of archive',
      `the archive is truncated; ${reexport}`, { cause: error });
  }
  if (BAD_HEADER.test(text)) {
    return new LayerscopeError('archive', `corrupt tar header in ${where ?? 'the archive'}`,
      `the archive is damaged, or not a tar; ${reexport}`, { cause: error });
  }
  if (compression) {
    return new LayerscopeError('archive', `corrupt ${compression} data in ${where ?? 'the archive'}`, `the archive is damaged; ${reexport}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new LayerscopeError('archive', `cannot read ${where ?? 'the archive'}: ${message}`, reexport, { cause: error });
}
