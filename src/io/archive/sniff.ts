// Blobs are recognised by their first bytes, never by name or media type (FORMATS.md §1): a layer named
// `.tar` may be gzip, a `blobs/sha256/…` entry may be a config, a manifest or a layer.

export type BlobKind = 'gzip' | 'zstd' | 'tar' | 'json' | 'other';

/** How many leading bytes `sniff` wants (tar's magic sits at 257; an empty tar is 512 zero bytes). */
export const SNIFF_BYTES = 512;

export function sniff(head: Uint8Array): BlobKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar') return 'tar';
  // A layer of 0 bytes is an empty layer (FORMATS.md): Go's archive/tar, which `docker load` reads
  // layers with, finds no entries in it rather than an error.
  if (head.length === 0) return 'tar';
  // A layer with no files is just the end-of-archive zero blocks.
  if (head.length >= 512 && head.subarray(0, 512).every((b) => b === 0)) return 'tar';
  for (const b of head) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) continue;
    return b === 0x7b || b === 0x5b ? 'json' : 'other';
  }
  return 'other';
}

export const isLayerKind = (kind: BlobKind): kind is 'gzip' | 'zstd' | 'tar' => kind === 'gzip' || kind === 'zstd' || kind === 'tar';
