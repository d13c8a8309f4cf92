// One 512-byte tar header block → the fields a layer needs, decided as Go's archive/tar decides them
// (what `docker load`, containerd and dive read images with; FORMATS.md §6): the checksum may be the
// unsigned or the signed byte sum; v7 headers (no magic) are read; numbers are octal or base-256 and
// anything else in a numeric field is an invalid header; the USTAR prefix counts only with the USTAR
// magic. Read in place: no subarray, no string per number. Names stay latin1 (one char per byte).
import { invalidHeader } from './tar-errors.js';

export type TarType =
  | 'file'
  | 'link'
  | 'symlink'
  | 'character-device'
  | 'block-device'
  | 'directory'
  | 'fifo'
  | 'contiguous-file'
  | 'pax-header'
  | 'pax-global-header'
  | 'gnu-long-link-path'
  | 'gnu-long-path';

export interface TarHeader {
  /** latin1: one char per byte of the name as stored. */
  name: string;
  /** null for a type flag no reader here knows (its data is skipped, as Go does). */
  type: TarType | null;
  /** May be negative here: tarDataSize rejects that where Go does. */
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string | null;
  /** Type flag NUL (Go's TypeRegA): a directory when its final name ends in '/', else a file. */
  legacy: boolean;
}

const TYPES: Record<number, TarType> = {
  0: 'file',
  48: 'file',
  49: 'link',
  50: 'symlink',
  51: 'character-device',
  52: 'block-device',
  53: 'directory',
  54: 'fifo',
  55: 'contiguous-file',
  120: 'pax-header',
  103: 'pax-global-header',
  75: 'gnu-long-link-path',
  76: 'gnu-long-path',
};

/** Types whose size field says nothing about data that follows (Go's isHeaderOnlyType). */
const HEADER_ONLY = new Set<TarType | null>(['link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo']);

/** How many data bytes follow `header` in the archive; a negative size is an invalid header, as in Go. */
export function tarDataSize(header: TarHeader): number {
  if (HEADER_ONLY.has(header.type)) return 0;
  if (header.size < 0) throw invalidHeader('negative size');
  return header.size;
}

/** Go's rule for an old-style (type NUL) entry, applied once long names have had their say. */
export function settleLegacyType(header: TarHeader): void {
  if (header.legacy && header.name.endsWith('/')) header.type = 'directory';
}

/**
 * A numeric field as Go's parseNumeric reads it: base-256 when the first byte has its top bit set (bit
 * 0x40 of that byte is the sign, two's complement), else octal with spaces and NULs trimmed from both
 * ends and the rest cut at a NUL. Anything else in an octal field is an invalid header (Go's ErrHeader).
 */
function decodeNumber(buf: Uint8Array, offset: number, length: number): number {
  const end = offset + length;
  if (buf[offset]! & 0x80) return parse256(buf, offset, end);
  let at = offset;
  let stop = end;
  while (at < stop && (buf[at] === 32 || buf[at] === 0)) at++;
  while (stop > at && (buf[stop - 1] === 32 || buf[stop - 1] === 0)) stop--;
  let value = 0;
  for (let i = at; i < stop; i++) {
    const c = buf[i]!;
    if (c === 0) break;
    if (c < 48 || c > 55) throw invalidHeader('a numeric field is not octal');
    value = value * 8 + (c - 48);
  }
  return value;
}

function parse256(buf: Uint8Array, start: number, end: number): number {
  const invert = buf[start]! & 0x40 ? 0xff : 0;
  let x = 0n;
  for (let i = start; i < end; i++) {
    const c = (buf[i]! ^ invert) & (i === start ? 0x7f : 0xff);
    if (x >> 56n) throw invalidHeader('a base-256 number overflows');
    x = (x << 8n) | BigInt(c);
  }
  if (x >> 63n) throw invalidHeader('a base-256 number overflows');
  return invert ? -Number(x) - 1 : Number(x);
}

/** latin1 text from `start` up to the first NUL within `length` bytes. */
function decodeStr(buf: Buffer, start: number, length: number): string {
  let end = start;
  const limit = start + length;
  while (end < limit && buf[end] !== 0) end++;
  return buf.toString('latin1', start, end);
}

/**
 * Sum of the block's bytes with the checksum field counted as spaces. `words` is a Uint32Array over the
 * same memory as `buf` when that starts on a 4-byte boundary (file reads and gunzip output always do):
 * then bytes are added four at a time into 16-bit lanes, even and odd bytes apart (128 words cannot
 * overflow them: 128 × 255 < 65536), and words 37-38 (bytes 148..155, the field itself) taken out again.
 */
function checksum(buf: Buffer, at: number, words: Uint32Array | null): number {
  if (words !== null && (at & 3) === 0) {
    const base = at >>> 2;
    let even = 0;
    let odd = 0;
    for (let i = base; i < base + 128; i += 4) {
      const a = words[i]!,
        b = words[i + 1]!,
        c = words[i + 2]!,
        d = words[i + 3]!;
      even += (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff);
      odd += ((a >>> 8) & 0xff00ff) + ((b >>> 8) & 0xff00ff) + ((c >>> 8) & 0xff00ff) + ((d >>> 8) & 0xff00ff);
    }
    const x = words[base + 37]!,
      y = words[base + 38]!;
    even -= (x & 0xff00ff) + (y & 0xff00ff);
    odd -= ((x >>> 8) & 0xff00ff) + ((y >>> 8) & 0xff00ff);
    return 8 * 32 + (even & 0xffff) + (even >>> 16) + (odd & 0xffff) + (odd >>> 16);
  }
  let sum = 8 * 32;
  for (let i = at; i < at + 148; i++) sum += buf[i]!;
  for (let i = at + 156; i < at + 512; i++) sum += buf[i]!;
  return sum;
}

/** A Uint32Array over `buf`'s memory for `checksum`, or null when `buf` does not start on a 4-byte boundary. */
export const wordsOf = (buf: Buffer): Uint32Array | null =>
  (buf.byteOffset & 3) === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, buf.length >>> 2) : null;

const isZeroBlock = (b: Uint8Array, at: number): boolean => {
  for (let i = at; i < at + 512; i++) if (b[i] !== 0) return false;
  return true;
};

/** Go's second checksum: the bytes as signed (int8), the field itself counted as spaces. */
function signedChecksum(buf: Buffer, at: number, unsigned: number): number {
  let high = 0;
  for (let i = at; i < at + 512; i++) if (buf[i]! >= 0x80 && (i < at + 148 || i >= at + 156)) high++;
  return unsigned - 256 * high;
}

const MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72]; // 'ustar'
const has = (b: Uint8Array, at: number, bytes: readonly number[]): boolean => bytes.every((c, i) => b[at + i] === c);
type Format = 'v7' | 'ustar' | 'star' | 'gnu';

/** Go's getFormat, once the checksum holds: 'ustar\0' (any version) is USTAR (STAR with its trailer), 'ustar  \0' GNU, the rest v7. */
function formatOf(b: Uint8Array, at: number): Format {
  if (!has(b, at + 257, MAGIC)) return 'v7';
  if (b[at + 262] === 0) return has(b, at + 508, [0x74, 0x61, 0x72, 0]) ? 'star' : 'ustar';
  return b[at + 262] === 0x20 && b[at + 263] === 0x20 && b[at + 264] === 0 ? 'gnu' : 'v7';
}

/**
 * The header block at `buf[at..at+512)`, or null for an all-zero block (half an end-of-archive marker;
 * the caller decides). Throws a TarFormatError on a block that is not a header. `words`: wordsOf(buf),
 * made once per buffer.
 */
export function decodeHeader(buf: Buffer, at: number, words: Uint32Array | null): TarHeader | null {
  const sum = checksum(buf, at, words);
  if (sum === 8 * 32 && isZeroBlock(buf, at)) return null;
  if (buf[at + 148]! & 0x80) throw invalidHeader('checksum field is not octal');
  const stored = decodeNumber(buf, at + 148, 8);
  if (stored !== sum && stored !== signedChecksum(buf, at, sum)) throw invalidHeader('checksum mismatch');
  let name = decodeStr(buf, at, 100);
  const format = formatOf(buf, at);
  const flag = buf[at + 156]!;
  const header: TarHeader = {
    name,
    type: TYPES[flag] ?? null,
    size: decodeNumber(buf, at + 124, 12),
    mode: decodeNumber(buf, at + 100, 8),
    uid: decodeNumber(buf, at + 108, 8),
    gid: decodeNumber(buf, at + 116, 8),
    linkname: buf[at + 157] === 0 ? null : decodeStr(buf, at + 157, 100),
    legacy: flag === 0,
  };
  decodeNumber(buf, at + 136, 12); // mtime: Go rejects a header whose mtime is not a number
  if (format === 'v7') return header;
  decodeNumber(buf, at + 329, 8); // device numbers, read (and so checked) by Go for every non-v7 header
  decodeNumber(buf, at + 337, 8);
  if (format === 'star') {
    decodeNumber(buf, at + 476, 12);
    decodeNumber(buf, at + 488, 12);
  }
  const prefixLength = format === 'ustar' ? 155 : format === 'star' ? 131 : 0;
  if (prefixLength > 0 && buf[at + 345]) name = `${decodeStr(buf, at + 345, prefixLength)}/${name}`;
  header.name = name;
  return header;
}
