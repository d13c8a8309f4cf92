// A synchronous tar reader for layer blobs: bytes are pushed in, entries come out as calls, with no
// stream, listener or promise per entry (a 63k-file layer spent most of its read in tar-stream's
// per-entry streams). Framing as Go's archive/tar reads it (FORMATS.md §6): two zero blocks end the
// archive and nothing after them is read (`ended` tells the caller to stop feeding: a sparse layer of
// zeros ends at its first 1 KiB); a zero block followed by anything else is an invalid header; PAX and
// GNU long headers as long-headers.ts applies them, each at most 1 MiB; data of header-only types
// (directories, links, devices) is not skipped; a blob that stops inside a header or an entry's data is
// truncated (inside the padding after the data it is not, as in Go).
import { decodeHeader, tarDataSize, wordsOf, type TarHeader } from './tar-header.js';
import { LongHeaders } from './long-headers.js';
import { invalidHeader, TarFormatError, truncatedTar } from './tar-errors.js';

const BLOCK = 512;
/** Go's maxSpecialFileSize. */
export const MAX_LONG_HEADER = 1024 * 1024;
const EMPTY = Buffer.alloc(0);
const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/** A header as entries get it: `size` is the number of data bytes that follow (0 for header-only types). */
export type TarEntryHeader = TarHeader;

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
  /** An all-zero block was just read: the next block must be one too. */
  private zeroBlock = false;
  /** The end-of-archive marker has been read; everything after it is ignored. */
  ended = false;
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
    while (at < length && !this.ended) {
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
    if (this.ended) return;
    if (this.contentLeft > 0 || this.partialBytes > 0 || this.longType !== null) throw truncatedTar();
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
    if (header === null) {
      this.ended = this.zeroBlock;
      this.zeroBlock = true;
      return at;
    }
    if (this.zeroBlock) throw invalidHeader('a zero block followed by a header');
    const dataSize = tarDataSize(header);
    switch (header.type) {
      case 'gnu-long-path':
      case 'gnu-long-link-path':
      case 'pax-global-header':
      case 'pax-header': {
        if (dataSize > MAX_LONG_HEADER) throw new TarFormatError('too-long', 'tar long-name or PAX header over 1 MiB');
        if (dataSize === 0) {
          this.longHeaders.read(header.type, EMPTY);
          return at;
        }
        this.longType = header.type;
        this.wanted = dataSize;
        return at;
      }
      default:
        this.longHeaders.apply(header);
    }
    header.size = tarDataSize(header);
    const entry: TarEntryHeader = header;
    const size = entry.size;
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
