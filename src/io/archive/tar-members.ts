// The members of a tar archive on a stream, pulled one at a time: each member's data is an async
// iterable read straight from the source (no copy, no per-member stream), and whatever of it the
// consumer leaves is skipped before the next header. Framing, long names and limits are the layer
// reader's (Go's archive/tar rules, FORMATS.md §6), so the outer archive and its layers agree: reading
// stops at the end-of-archive marker, and what follows it — padding, or a second image — is never read.
// Stricter than Go in one way: a stream that ends without the marker is truncated (see archive-index.ts).
import { LongHeaders } from './long-headers.js';
import { MAX_LONG_HEADER } from './layer-tar.js';
import { invalidHeader, TarFormatError, truncatedTar } from './tar-errors.js';
import { decodeHeader, tarDataSize, wordsOf, type TarHeader } from './tar-header.js';

const BLOCK = 512;
const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

export interface TarMember {
  readonly header: TarHeader;
  /** The member's data, front to back; read it or not before asking for the next member. */
  readonly data: AsyncIterable<Buffer>;
}

/** Reads a byte source in exact amounts, keeping the rest of the current chunk. */
class ByteReader {
  private chunk: Buffer = Buffer.alloc(0);
  private at = 0;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  /** Whether bytes are at hand (false at the end of the source). */
  private async fill(): Promise<boolean> {
    while (this.at >= this.chunk.length) {
      const next = await this.source.next();
      if (next.done) return false;
      const c = next.value;
      this.chunk = Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
      this.at = 0;
    }
    return true;
  }

  /** The next up-to-`max` bytes as they come (a view into the chunk), or null at the end of the source. */
  async some(max: number): Promise<Buffer | null> {
    if (!(await this.fill())) return null;
    const n = Math.min(max, this.chunk.length - this.at);
    const out = this.chunk.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** Exactly `n` bytes; null when the source ended before the first of them; truncated when in between. */
  async exact(n: number): Promise<Buffer | null> {
    const first = await this.some(n);
    if (first === null || first.length === n) return first;
    const parts = [first];
    let got = first.length;
    while (got < n) {
      const more = await this.some(n - got);
      if (more === null) throw truncatedTar();
      parts.push(more);
      got += more.length;
    }
    return Buffer.concat(parts, n);
  }

  /** Skips `n` bytes; `mayEnd`: the source may end on the way (padding, as Go allows). */
  async skip(n: number, mayEnd: boolean): Promise<void> {
    for (let left = n; left > 0;) {
      const part = await this.some(left);
      if (part === null) {
        if (mayEnd) return;
        throw truncatedTar();
      }
      left -= part.length;
    }
  }
}

/**
 * Every member of the tar archive on `source`, in order, up to the end-of-archive marker. The source is
 * left where the marker ends, not closed: the caller decides what becomes of the rest.
 */
export async function* tarMembers(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarMember> {
  const reader = new ByteReader(source[Symbol.asyncIterator]());
  const longHeaders = new LongHeaders();
  yield* members(reader, longHeaders);
}

async function* members(reader: ByteReader, longHeaders: LongHeaders): AsyncGenerator<TarMember> {
  let zeroBlock = false;
  for (let first = true; ; first = false) {
    const block = await reader.exact(BLOCK);
    if (block === null) {
      if (first) return; // no bytes at all: the caller says the input is empty
      throw truncatedTar();
    }
    const header = decodeHeader(block, 0, wordsOf(block));
    if (header === null) {
      if (zeroBlock) return;
      zeroBlock = true;
      continue;
    }
    if (zeroBlock) throw invalidHeader('a zero block followed by a header');
    const size = tarDataSize(header);
    switch (header.type) {
      case 'gnu-long-path':
      case 'gnu-long-link-path':
      case 'pax-header':
      case 'pax-global-header': {
        if (size > MAX_LONG_HEADER) throw new TarFormatError('too-long', 'tar long-name or PAX header over 1 MiB');
        const body = size === 0 ? Buffer.alloc(0) : await reader.exact(size);
        if (body === null) throw truncatedTar();
        longHeaders.read(header.type, body);
        await reader.skip(padding(size), true);
        continue;
      }
    }
    longHeaders.apply(header);
    header.size = tarDataSize(header);
    let left = header.size;
    const data = async function* memberData(): AsyncGenerator<Buffer> {
      while (left > 0) {
        const part = await reader.some(left);
        if (part === null) throw truncatedTar();
        left -= part.length;
        yield part;
      }
    };
    yield { header, data: data() };
    await reader.skip(left, false);
    await reader.skip(padding(header.size), true);
  }
}
