// Expected failures: a one-line message and a hint, printed by the CLI with exit code 2.
// Anything that is not a LayerscopeError is a bug (a stack only with --debug).

export type ErrorKind =
  | 'usage' // bad arguments
  | 'config' // bad config file
  | 'archive' // corrupt, truncated or unsupported archive
  | 'source' // image not found, daemon unreachable, permission…
  | 'platform' // no manifest for the requested platform
  | 'store'; // this machine's layer store cannot be written (never a reason to look for the image elsewhere)

export class LayerscopeError extends Error {
  override readonly name = 'LayerscopeError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isLayerscopeError = (e: unknown): e is LayerscopeError => e instanceof LayerscopeError;
