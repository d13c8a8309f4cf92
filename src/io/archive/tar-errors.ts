// Typed failures of the project's tar readers, so read-errors.ts decides by type, not by message text.
// The kinds are Go archive/tar's (what `docker load`, containerd and dive use): ErrHeader for a block
// that is not a header, io.ErrUnexpectedEOF for a stream that stops inside one, ErrFieldTooLong for a
// PAX or GNU long-name header over 1 MiB.

export type TarProblem = 'header' | 'truncated' | 'too-long';

export class TarFormatError extends Error {
  constructor(
    readonly problem: TarProblem,
    message: string,
  ) {
    super(message);
    this.name = 'TarFormatError';
  }
}

export const invalidHeader = (why: string): TarFormatError => new TarFormatError('header', `invalid tar header: ${why}`);
export const truncatedTar = (): TarFormatError => new TarFormatError('truncated', 'unexpected end of tar data');
