// Bytes [offset, offset + length) of a compressed layer's uncompressed tar: decompress from the blob's
// start, keep the bytes asked for, stop. gzip and zstd have no random access, so this costs the
// decompression of everything before the file; `keepTo` lets the same pass go on to the end into the
// layer store, after which reads of that layer are seeks.
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import type { LayerBlobLocation } from '../../core/model.js';
import { decompressorFor } from '../archive/decompress.js';
import { fileRange } from '../file/file-range.js';
import type { LayerSink } from '../store/layer-writer.js';

export interface CompressedRead {
  /** The bytes asked for, as soon as they have passed. */
  readonly bytes: Promise<Buffer>;
  /** The whole pass, including writing `keepTo` (settles after `bytes`). */
  readonly done: Promise<void>;
}

export function readCompressedRange(
  blob: LayerBlobLocation,
  offset: number,
  length: number,
  options: { signal?: AbortSignal; keepTo?: LayerSink } = {},
): CompressedRead {
  let resolveBytes!: (b: Buffer) => void;
  let rejectBytes!: (e: unknown) => void;
  const bytes = new Promise<Buffer>((res, rej) => {
    resolveBytes = res;
    rejectBytes = rej;
  });
  const done = (async () => {
    const file = await open(blob.file, 'r');
    const decompressor = decompressorFor(blob.compression)!;
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const sink = options.keepTo;
    try {
      const source = pipeline(
        Readable.from(fileRange(file, blob.offset, blob.bytes, { signal: stop.signal })),
        decompressor,
        () => undefined,
      );
      const parts: Buffer[] = [];
      let at = 0;
      let have = 0;
      let sent = length === 0;
      if (sent) resolveBytes(Buffer.alloc(0));
      for await (const chunk of source as AsyncIterable<Buffer>) {
        const behind = sink?.write(chunk);
        if (behind) await behind;
        const end = at + chunk.length;
        if (!sent && end > offset) {
          const from = Math.max(0, offset - at);
          const to = Math.min(chunk.length, offset + length - at);
          parts.push(chunk.subarray(from, to));
          have += to - from;
          if (have === length) {
            sent = true;
            resolveBytes(Buffer.concat(parts, have));
            if (!sink) break;
          }
        }
        at = end;
      }
      if (!sent) resolveBytes(Buffer.concat(parts, have));
      await sink?.end();
    } catch (error) {
      sink?.abort();
      rejectBytes(error);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      stop.abort();
      decompressor.destroy();
      await file.close();
    }
  })().catch((error: unknown) => {
    rejectBytes(error);
    throw error;
  });
  done.catch(() => undefined);
  return { bytes, done };
}
