// One 512-byte tar header block → the fields a layer needs, decided exactly as tar-stream 3 decides them
// (same checksum rule, same octal/base-256 numbers, same 'ustar' prefix and old-style directory rules,
// same error messages, which read-errors.ts matches), but read in place: no subarray, no string per
// number, no mtime/uname/gname/dev fields nobody here reads. Names stay latin1 (one char per byte).

export type TarType =
  | 'file' | 'link' | 'symlink' | 'character-device' | 'block-device' | 'directory' | 'fifo' | 'contiguous-file'
  | 'pax-header' | 'pax-global-header' | 'gnu-long-link-path' | 'gnu-long-path';

export interface TarHeader {
  /** latin1: one char per byte of the name as stored. */
  name: string;
  type: TarType | null;
  /** NaN or null when the field is not a number (LayerTarParser rejects such a header). */
  size: number | null;
  /** null for a base-256 field with a bad lead byte, as tar-stream gives it. */
  mode: number | null;
  uid: number | null;
  gid: number | null;
  linkname: string | null;
}

const TYPES: Record<number, TarType> = {
  0: 'file', 1: 'link', 2: 'symlink', 3: 'character-device', 4: 'block-device', 5: 'directory', 6: 'fifo',
  7: 'contiguous-file', 72: 'pax-header', 55: 'pax-global-header', 27: 'gnu-long-link-path', 28: 'gnu-long-path',
  30: 'gnu-long-path',
};

/** Base-256 numbers (first byte 0x80 positive, 0xff two's complement), as tar-stream reads them. */
function parse256(buf: Uint8Array, start: number, end: number): number | null {
  const positive = buf[start] === 0x80;
  if (!positive && buf[start] !== 0xff) return null;
  let sum = 0;
  for (let i = end - 1, scale = 1; i > start; i--, scale *= 256) sum += (positive ? buf[i]! : 0xff - buf[i]!) * scale;
  return positive ? sum : -1 * sum;
}

/**
 * An octal field: leading spaces skipped, ends at the first space, leading NULs skipped, then the longest
 * run of octal digits (parseInt's rule). Anything else (tabs, signs, no digit) takes the string route
 * tar-stream takes, so odd fields still come out the same.
 */
function decodeOct(buf: Buffer, offset: number, length: number): number | null {
  const end = offset + length;
  if (buf[offset]! & 0x80) return parse256(buf, offset, end);
  let at = offset;
  while (at < end && buf[at] === 32) at++;
  let stop = at;
  while (stop < end && buf[stop] !== 32) stop++;
  while (at < stop && buf[at] === 0) at++;
  if (stop === at) return 0;
  let value = 0;
  let digit = at;
  for (; digit < stop; digit++) {
    const c = buf[digit]!;
    if (c < 48 || c > 55) break;
    value = value * 8 + (c - 48);
  }
  if (digit > at) return value;
  return parseInt(buf.toString('utf8', at, stop), 8);
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
      const a = words[i]!, b = words[i + 1]!, c = words[i + 2]!, d = words[i + 3]!;
      even += (a & 0xff00ff) + (b & 0xff00ff) + (c & 0xff00ff) + (d & 0xff00ff);
      odd += ((a >>> 8) & 0xff00ff) + ((b >>> 8) & 0xff00ff) + ((c >>> 8) & 0xff00ff) + ((d >>> 8) & 0xff00ff);
    }
    const x = words[base + 37]!, y = words[base + 38]!;
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

// 'ustar\0' + any version, or GNU's 'ustar ' + ' \0'.
const isUstar = (b: Uint8Array, at: number): boolean =>
  b[at + 257] === 0x75 && b[at + 258] === 0x73 && b[at + 259] === 0x74 && b[at + 260] === 0x61 && b[at + 261] === 0x72 && b[at + 262] === 0;
const isGnu = (b: Uint8Array, at: number): boolean =>
  b[at + 257] === 0x75 && b[at + 258] === 0x73 && b[at + 259] === 0x74 && b[at + 260] === 0x61 && b[at + 261] === 0x72 && b[at + 262] === 0x20 &&
  b[at + 263] === 0x20 && b[at + 264] === 0;

/**
 * The header block at `buf[at..at+512)`, or null for an all-zero (end-of-archive) block. Throws on a bad
 * one. `words`: wordsOf(buf), made once per buffer.
 */
export function decodeHeader(buf: Buffer, at: number, words: Uint32Array | null): TarHeader | null {
  const sum = checksum(buf, at, words);
  if (sum === 8 * 32) return null;
  if (sum !== decodeOct(buf, at + 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?');
  let name = decodeStr(buf, at, 100);
  if (isUstar(buf, at)) {
    if (buf[at + 345]) name = `${decodeStr(buf, at + 345, 155)}/${name}`;
  } else if (!isGnu(buf, at)) {
    throw new Error('Invalid tar header: unknown format.');
  }
  // tar-stream 3.2 also turns a plain file whose name ends in '/' into a directory, but only after it has
  // picked the type, so such an entry stays a file there, and so here.
  const flag = buf[at + 156] === 0 ? 0 : buf[at + 156]! - 48;
  return {
    name,
    type: TYPES[flag] ?? null,
    size: decodeOct(buf, at + 124, 12),
    mode: decodeOct(buf, at + 100, 8),
    uid: decodeOct(buf, at + 108, 8),
    gid: decodeOct(buf, at + 116, 8),
    linkname: buf[at + 157] === 0 ? null : decodeStr(buf, at + 157, 100),
  };
}
