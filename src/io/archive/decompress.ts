// gzip via zlib; zstd via zlib where Node has it (22.15+), else fzstd's streaming decoder (pure JS; the
// path Node 20 takes, so the one our tests exercise).
import { Transform, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';

class PureZstdDecompress extends Transform {
  private readonly decoder = new Decompress((data) => {
    // Each block fzstd hands out is its own array (it copies blocks into its window, never the reverse),
    // so wrapping without a copy is safe and halves the garbage.
    if (data.length > 0) this.push(Buffer.from(data.buffer, data.byteOffset, data.length));
  });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      done();
    } catch (error) {
      done(error as Error);
    }
  }
}

type ZstdFactory = () => Transform;
const nativeZstd = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;

/** A decompressing stream for `kind`, or undefined for a plain tar. */
export function decompressorFor(kind: 'gzip' | 'zstd' | 'tar', preferPureZstd = false): Transform | undefined {
  if (kind === 'gzip') return zlib.createGunzip();
  if (kind === 'zstd') return nativeZstd && !preferPureZstd ? nativeZstd() : new PureZstdDecompress();
  return undefined;
}
