// gzip via zlib; zstd via zlib where Node has it (22.15+), else the `zstd` program when installed (5-10×
// faster than JS), else fzstd's streaming decoder (pure JS; works everywhere, and our tests exercise it).
import { Transform, type Duplex, type TransformCallback } from 'node:stream';
import { Decompress } from 'fzstd';
import { contentHashing, type ContentHashing } from './content-hash.js';
import { ZstdFrameWalker } from './zstd-frames.js';
import { zstdProcessDecompress, zstdProgramAvailable } from './zstd-process.js';
import { requiredOnUse } from '../required-on-use.js';

// Loaded by the first compressed blob: a plain tar's read needs no zlib.
const zlib = requiredOnUse<typeof import('node:zlib')>('node:zlib');

/** A zstd failure with a code read-errors.ts decides by. */
const zstdError = (code: 'ZSTD_TRUNCATED' | 'ZSTD_CHECKSUM' | 'ZSTD_CORRUPT', message: string): Error =>
  Object.assign(new Error(message), { code });

/** fzstd, one decoder per frame, with each frame's content checksum checked (zstd-frames.ts). */
class PureZstdDecompress extends Transform {
  private hashing: ContentHashing | undefined;
  private frame: { decoder: Decompress; hasher: ReturnType<ContentHashing['create']> } | undefined;
  private readonly walker = new ZstdFrameWalker({
    frameBytes: (bytes) => (this.frame ??= this.newFrame()).decoder.push(bytes),
    frameEnd: (checksum) => {
      const frame = this.frame ?? this.newFrame();
      this.frame = undefined;
      frame.decoder.push(new Uint8Array(0), true);
      if (checksum !== undefined && Number(frame.hasher.digest() & 0xffffffffn) !== checksum) {
        throw zstdError('ZSTD_CHECKSUM', 'zstd: restored data does not match the frame checksum');
      }
    },
  });

  private newFrame(): NonNullable<PureZstdDecompress['frame']> {
    const hasher = this.hashing!.create();
    // Each block fzstd hands out is its own array (it copies blocks into its window, never the reverse),
    // so wrapping without a copy is safe and halves the garbage.
    const decoder = new Decompress((data) => {
      if (data.length === 0) return;
      hasher.update(data);
      this.push(Buffer.from(data.buffer, data.byteOffset, data.length));
    });
    return { decoder, hasher };
  }

  private run(step: () => void, done: TransformCallback): void {
    try {
      step();
      done();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      done(
        code === 5
          ? zstdError('ZSTD_TRUNCATED', 'zstd: unexpected end of data')
          : typeof code === 'number'
            ? zstdError('ZSTD_CORRUPT', `zstd: ${(error as Error).message}`)
            : (error as Error),
      );
    }
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.hashing) return this.run(() => this.walker.push(chunk), done);
    contentHashing().then((hashing) => {
      this.hashing = hashing;
      this.run(() => this.walker.push(chunk), done);
    }, done);
  }

  override _flush(done: TransformCallback): void {
    this.run(() => {
      if (!this.walker.atBoundary) throw zstdError('ZSTD_TRUNCATED', 'zstd: unexpected end of data');
    }, done);
  }
}

type ZstdFactory = () => Transform;
const nativeZstd = (): ZstdFactory | undefined => (zlib() as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;

export type ZstdDecoder = 'best' | 'pure' | 'program';

/** A decompressing stream for `kind`, or undefined for a plain tar. `zstd` picks the zstd decoder (tests). */
export function decompressorFor(kind: 'gzip' | 'zstd' | 'tar', zstd: ZstdDecoder = 'best'): Duplex | undefined {
  // 1 MiB output chunks instead of zlib's 16 KiB: each chunk is a round trip between the thread that
  // inflates and the one that parses. Measured against 256 KiB: big OCI gzip 643 -> 557 ms, debian-apt
  // 521 -> 475, manyfiles 434 -> 408; 4 MiB was no faster and held more memory.
  if (kind === 'gzip') return zlib().createGunzip({ chunkSize: 1 << 20 });
  if (kind !== 'zstd') return undefined;
  if (zstd === 'pure') return new PureZstdDecompress();
  if (zstd === 'program') return zstdProcessDecompress();
  const native = nativeZstd();
  if (native) return native();
  return zstdProgramAvailable() ? zstdProcessDecompress() : new PureZstdDecompress();
}
