// The members of a plain tar archive in a file, found by reading only their headers and seeking past
// their data: a few KB of reads even for a 700 MB `docker save`. Framing and names follow the same
// rules as the streaming reader (Go's archive/tar: FORMATS.md §6): the end-of-archive marker ends the
// archive and nothing after it is looked at. A member whose data runs past the end of the file, or no
// marker at all, is a truncated archive (stricter than Go, which accepts an archive cut at a member
// boundary: `docker save` always writes the marker, and this is how a cut copy is told apart).
import type { FileHandle } from 'node:fs/promises';
import { LongHeaders } from './long-headers.js';
import { MAX_LONG_HEADER } from './layer-tar.js';
import { invalidHeader, TarFormatError, truncatedTar } from './tar-errors.js';
import { decodeHeader, tarDataSize, wordsOf, type TarHeader } from './tar-header.js';

const BLOCK = 512;
const WINDOW = 64 * 1024;
const padded = (size: number): number => Math.ceil(size / BLOCK) * BLOCK;

export interface IndexedMember {
  /** latin1, as the header stores it. */
  readonly name: string;
  readonly type: TarHeader['type'];
  readonly linkname: string | null;
  /** Where the member's data starts in the file, and how long it is. */
  readonly offset: number;
  readonly size: number;
}

/** Reads parts of `file` through a 64 KiB window, so neighbouring headers (and small members) cost one read. */
export class FileBlocks {
  private window = Buffer.alloc(0);
  private windowAt = 0;
  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  async at(position: number, length: number): Promise<Buffer> {
    if (position < this.windowAt || position + length > this.windowAt + this.window.length) {
      const want = Math.min(Math.max(length, WINDOW), this.size - position);
      const { buffer, bytesRead } = await this.file.read(Buffer.allocUnsafe(want), 0, want, position);
      this.window = buffer.subarray(0, bytesRead);
      this.windowAt = position;
    }
    const start = position - this.windowAt;
    if (start + length > this.window.length) throw truncatedTar();
    return this.window.subarray(start, start + length);
  }
}

export class TruncatedMember extends TarFormatError {
  constructor(readonly member: IndexedMember) {
    super('truncated', 'unexpected end of tar data');
  }
}

/** Every member of the tar archive in `blocks`' file, in order. Throws on a damaged archive. */
export async function indexArchive(blocks: FileBlocks): Promise<IndexedMember[]> {
  const size = blocks.size;
  const members: IndexedMember[] = [];
  let at = 0;
  let zeroBlock = false;
  const longHeaders = new LongHeaders();
  while (at + BLOCK <= size) {
    const block = await blocks.at(at, BLOCK);
    const header = decodeHeader(block, 0, wordsOf(block));
    at += BLOCK;
    if (header === null) {
      if (zeroBlock) return members;
      zeroBlock = true;
      continue;
    }
    if (zeroBlock) throw invalidHeader('a zero block followed by a header');
    const dataSize = tarDataSize(header);
    switch (header.type) {
      case 'gnu-long-path':
      case 'gnu-long-link-path':
      case 'pax-header':
      case 'pax-global-header': {
        if (dataSize > MAX_LONG_HEADER) throw new TarFormatError('too-long', 'tar long-name or PAX header over 1 MiB');
        longHeaders.read(header.type, await blocks.at(at, dataSize));
        at += padded(dataSize);
        continue;
      }
    }
    longHeaders.apply(header);
    const member = { name: header.name, type: header.type, linkname: header.linkname, offset: at, size: tarDataSize(header) };
    if (member.offset + member.size > size) throw new TruncatedMember(member);
    members.push(member);
    at += padded(member.size);
  }
  throw truncatedTar();
}
