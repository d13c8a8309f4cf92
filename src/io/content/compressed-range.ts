// Bytes [offset, offset + length) of a layer's uncompressed tar, from its blob read front to back:
// decompress from the blob's start, keep the bytes asked for, stop. gzip and zstd have no random access,
// so this costs the decompression of everything before the file; `keepTo` lets the same pass go on to
// the end into the layer store, after which reads of that layer are seeks. The blob comes from a file
// (an archive) or from wherever else it can be read again (a registry, fetched anew).
import { open } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import type { LayerBlobLocation } from '../../core/model.js';
import { decompressorFor } from '../archive/decompress.js';
import { readHead, replay } from '../archive/peek.js';
import { isLayerKind, sniff } from '../archive/sniff.js';
import { fileRange } from '../file/file-range.js';
import type { LayerSink } from '../store/layer-writer.js';

export interface CompressedRead {
  /** The bytes asked for, as soon as they have passed. */
  readonly bytes: Promise<Buffer>;
  /** The whole pass, including writing `keepTo` (settles after `bytes`). */
  readonly done: Promise<void>;
}

export interface RangeOptions {
  readonly signal?: AbortSignal;
  readonly keepTo?: LayerSink;
}

/** The bytes of a blob that lies in a file. */
export function fileBlob(blob: LayerBlobLocation): BlobBytes {
  return async function* (signal) {
    const file = await open(blob.file, 'r');
    try {
      yield* fileRange(file, blob.offset, blob.bytes, { signal });
    } finally {
      await file.close();
    }
  };
}

/** What a blob of unknown kind is, from its first bytes (which are put back in front). */
async function sniffed(
  chunks: AsyncIterable<Uint8Array>,
  where: string,
): Promise<{ kind: 'tar' | 'gzip' | 'zstd'; chunks: AsyncIterable<Uint8Array> }> {
  const it = chunks[Symbol.asyncIterator]();
  const head = await readHead(it);
  const kind = sniff(head.head);
  if (!isLayerKind(kind)) {
    await it.return?.();
    throw new LayerscopeError('archive', `${where} is not a layer (neither tar, gzip nor zstd)`, 'the image is damaged; push it again');
  }
  return { kind, chunks: replay(head.chunks, it, head.done) };
}

/** A blob's bytes read by `source`; `compression: { sniff }`: the kind from its first bytes. */
export type BlobBytes = (signal: AbortSignal) => AsyncIterable<Uint8Array>;
export type BlobCompression = LayerBlobLocation['compression'] | { readonly sniff: string };

/** The uncompressed tar of a blob, as chunks; `destroy` ends the decompression (a process, for zstd). */
async function openTar(
  source: BlobBytes,
  compression: BlobCompression,
  signal: AbortSignal,
): Promise<{ tar: AsyncIterable<Uint8Array>; destroy(): void }> {
  const raw = source(signal);
  const blob = typeof compression === 'string' ? { kind: compression, chunks: raw } : await sniffed(raw, compression.sniff);
  const decompressor = decompressorFor(blob.kind);
  if (!decompressor) return { tar: blob.chunks, destroy: () => undefined };
  return { tar: pipeline(Readable.from(blob.chunks), decompressor, () => undefined), destroy: () => decompressor.destroy() };
}

/**
 * The range from a blob read by `source` (called once, with the pass's signal). `compression: { sniff }`:
 * the kind is taken from the first bytes (`sniff` names the blob if they are not a layer's).
 */
export function readTarRange(
  source: BlobBytes,
  compression: BlobCompression,
  offset: number,
  length: number,
  options: RangeOptions = {},
): CompressedRead {
  let resolveBytes!: (b: Buffer) => void;
  let rejectBytes!: (e: unknown) => void;
  const bytes = new Promise<Buffer>((res, rej) => {
    resolveBytes = res;
    rejectBytes = rej;
  });
  const done = (async () => {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const sink = options.keepTo;
    let opened: Awaited<ReturnType<typeof openTar>> | undefined;
    let sent = length === 0;
    if (sent) resolveBytes(Buffer.alloc(0));
    try {
      opened = await openTar(source, compression, stop.signal);
      const parts: Buffer[] = [];
      let at = 0;
      let have = 0;
      for await (const part of opened.tar) {
        const chunk = Buffer.from(part.buffer, part.byteOffset, part.length);
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
      opened?.destroy();
    }
  })().catch((error: unknown) => {
    rejectBytes(error);
    throw error;
  });
  done.catch(() => undefined);
  return { bytes, done };
}

/** A blob's whole uncompressed tar into `sink` (the layer store); settles once the sink has ended. */
export function keepTar(source: BlobBytes, compression: BlobCompression, sink: LayerSink, signal: AbortSignal): Promise<void> {
  return readTarRange(source, compression, 0, 0, { signal, keepTo: sink }).done;
}

/**
 * One decompression of a blob kept open between reads: a read at or after where the last one ended goes
 * on from there. `cat` and `extract` read a file 1 MiB at a time, and an extract's files come in the
 * order their layer's tar has them, so each read starting over from the blob's start made reading a
 * file quadratic in its offset (a 500 MB file in a gzip layer: minutes instead of seconds).
 */
export class TarCursor {
  private readonly stop = new AbortController();
  private opened: Promise<{ it: AsyncIterator<Uint8Array>; destroy(): void }> | undefined;
  /** The chunk last taken from the tar, and where it starts in it. */
  private chunk: Buffer = Buffer.alloc(0);
  private chunkAt = 0;

  constructor(
    private readonly source: BlobBytes,
    private readonly compression: BlobCompression,
  ) {}

  /** Reads can start here or later. */
  get position(): number {
    return this.chunkAt;
  }

  async read(offset: number, length: number, signal?: AbortSignal): Promise<Buffer> {
    if (offset < this.chunkAt) throw new Error(`TarCursor: ${offset} is behind ${this.chunkAt}`);
    this.opened ??= openTar(this.source, this.compression, this.stop.signal).then(({ tar, destroy }) => ({
      it: tar[Symbol.asyncIterator](),
      destroy,
    }));
    const { it } = await this.opened;
    const parts: Buffer[] = [];
    let have = 0;
    while (have < length) {
      const end = this.chunkAt + this.chunk.length;
      if (offset + have < end) {
        const from = offset + have - this.chunkAt;
        const to = Math.min(this.chunk.length, offset + length - this.chunkAt);
        parts.push(this.chunk.subarray(from, to));
        have += to - from;
        continue;
      }
      signal?.throwIfAborted();
      const next = await it.next();
      if (next.done) break;
      this.chunkAt = end;
      this.chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
    }
    return Buffer.concat(parts, have);
  }

  close(): void {
    this.stop.abort();
    void this.opened?.then(
      ({ it, destroy }) => {
        destroy();
        void it.return?.().catch(() => undefined);
      },
      () => undefined,
    );
  }
}
