// A synchronous tar reader for layer blobs: bytes are pushed in, entries come out as calls, with no
// stream, listener or promise per entry. tar-stream (still used for the outer archive) costs ~10 µs and
// several objects per entry in its per-entry streams; a 63k-file layer spent most of its read there.
// Same rules as tar-stream 3: PAX and GNU long names and link names, PAX size, global PAX records that
// apply to entries with their own PAX header, 4 MiB cap on those headers, zero blocks skipped, directory
// data not skipped, an 'Unexpected end of data' for a blob that stops inside a block, header or entry.
import { decodeHeader, wordsOf, type TarHeader } from './tar-header.js';
import { LongHeaders } from './long-headers.js';

const BLOCK = 512;
const MAX_LONG_HEADER = 4 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);
const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/** A header as entries get it: its size checked to be a number >= 0. */
export type TarEntryHeader = TarHeader & { size: number };

export interface LayerTarVisitor {
  /**
   * One entry. `content` is its whole data when that is already in hand (always so for size 0), else
   * undefined and `data` calls then `end` follow with it. `dataOffset`: where its data starts in the
   * uncompressed tar (what the content path seeks to later).
   */
  entry(header: TarEntryHeader, content: Buffer | undefined, dataOffset: number): void;
  data(bytes: Buffer): void;
  end(): void;
}

export class LayerTarParser {
  /** Bytes of a header block or long header split across pushes. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  /** How many bytes the partial thing needs in all: BLOCK for a header, the size of a long header. */
  private wanted = BLOCK;
  private longType: TarHeader['type'] = null;
  private contentLeft = 0;
  private skip = 0;
  private readonly longHeaders = new LongHeaders();
  /** Bytes pushed before the current chunk, and the tar offset of the buffer `consume` is reading. */
  private pushed = 0;
  private base = 0;

  constructor(private readonly visitor: LayerTarVisitor) {}

  push(chunk: Uint8Array): void {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const length = buf.length;
    const chunkBase = this.pushed;
    this.pushed += length;
    let words: Uint32Array | null | undefined;
    let at = 0;
    while (at < length) {
      if (this.contentLeft > 0) {
        const n = Math.min(this.contentLeft, length - at);
        this.contentLeft -= n;
        this.visitor.data(buf.subarray(at, at + n));
        at += n;
        if (this.contentLeft === 0) this.visitor.end();
      } else if (this.skip > 0) {
        const n = Math.min(this.skip, length - at);
        this.skip -= n;
        at += n;
      } else if (this.partialBytes > 0 || length - at < this.wanted) {
        const n = Math.min(this.wanted - this.partialBytes, length - at);
        // A copy: the caller may reuse the chunk's memory once push returns (file-range.ts's ring).
        this.partial.push(Buffer.from(buf.subarray(at, at + n)));
        this.partialBytes += n;
        at += n;
        if (this.partialBytes < this.wanted) return;
        const whole = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial, this.partialBytes);
        this.partial = [];
        this.partialBytes = 0;
        this.base = chunkBase + at - whole.length;
        this.consume(whole, 0, whole.length, this.longType === null ? wordsOf(whole) : null);
      } else {
        words ??= wordsOf(buf);
        this.base = chunkBase;
        at = this.consume(buf, at, length, words);
      }
    }
  }

  /** Call when the blob has ended: throws when it stopped inside a block, header or entry. */
  end(): void {
    if (this.contentLeft > 0 || this.skip > 0 || this.partialBytes > 0 || this.longType !== null) {
      throw new Error('Unexpected end of data');
    }
  }

  /** A long header's bytes or a header block at buf[at..]; returns where the next thing starts. */
  private consume(buf: Buffer, at: number, length: number, words: Uint32Array | null): number {
    if (this.longType !== null) {
      const size = this.wanted;
      this.longHeaders.read(this.longType, buf.subarray(at, at + size));
      this.longType = null;
      this.wanted = BLOCK;
      this.skip = padding(size);
      return at + size;
    }
    const header = decodeHeader(buf, at, words);
    at += BLOCK;
    if (header === null) return at;
    switch (header.type) {
      case 'gnu-long-path': case 'gnu-long-link-path': case 'pax-global-header': case 'pax-header': {
        const size = header.size;
        if (size !== null && size > MAX_LONG_HEADER) throw new Error('Header exceeds max size');
        // parse256 can give null, and null >= 0 holds: ask for a real number.
        if (size === null || !(size >= 0)) throw new Error('Invalid header');
        if (size === 0) {
          this.longHeaders.read(header.type, EMPTY);
          return at;
        }
        this.longType = header.type;
        this.wanted = size;
        return at;
      }
      default:
        this.longHeaders.apply(header);
    }
    if (header.size === null || !(header.size >= 0)) throw new Error('Invalid header');
    const entry = header as TarEntryHeader;
    const size = entry.type === 'directory' ? 0 : entry.size;
    const dataOffset = this.base + at;
    if (size === 0) {
      this.visitor.entry(entry, EMPTY, dataOffset);
    } else if (length - at >= size) {
      this.visitor.entry(entry, buf.subarray(at, at + size), dataOffset);
      at += size;
      this.skip = padding(size);
    } else {
      this.visitor.entry(entry, undefined, dataOffset);
      this.contentLeft = size;
      this.skip = padding(size);
    }
    return at;
  }
}
