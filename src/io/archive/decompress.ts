// gzip via zlib; zstd via zlib where Node has it (22.15+), else the `zstd` program when installed (5-10×
// faster than JS), else fzstd's streaming decoder (pure JS; works everywhere, and our tests exercise it).
import { Transform, type Duplex, type TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { zstdProcessDecompress, zstdProgramAvailable } from './zstd-process.js';

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

export type ZstdDecoder = 'best' | 'pure' | 'program';

/** A decompressing stream for `kind`, or undefined for a plain tar. `zstd` picks the zstd decoder (tests). */
export function decompressorFor(kind: 'gzip' | 'zstd' | 'tar', zstd: ZstdDecoder = 'best'): Duplex | undefined {
  // 1 MiB output chunks instead of zlib's 16 KiB: each chunk is a round trip between the thread that
  // inflates and the one that parses. Measured against 256 KiB: big OCI gzip 643 -> 557 ms, debian-apt
  // 521 -> 475, manyfiles 434 -> 408; 4 MiB was no faster and held more memory.
  if (kind === 'gzip') return zlib.createGunzip({ chunkSize: 1 << 20 });
  if (kind !== 'zstd') return undefined;
  if (zstd === 'pure') return new PureZstdDecompress();
  if (zstd === 'program') return zstdProcessDecompress();
  if (nativeZstd) return nativeZstd();
  return zstdProgramAvailable() ? zstdProcessDecompress() : new PureZstdDecompress();
}
