// One layer blob → its entries, in one pass: (gunzip | zstd | nothing) → tar reader → entries, with every
// regular file's content hashed as it streams past (layer-entries.ts makes the entries). Nothing but the
// entry list is kept.
import type { LayerBlobLocation } from '../../core/model.js';
import { LayerSecretScan, type LayerSecrets } from '../../core/secrets/file-scan.js';
import type { LayerSink } from '../store/layer-writer.js';
import { coalesceChunks } from './coalesce-chunks.js';
import { contentHashing } from './content-hash.js';
import { decompressorFor } from './decompress.js';
import { feedDecompressor } from './feed-decompressor.js';
import { LayerEntries, type RawEntry } from './layer-entries.js';
import { LayerTarParser, type LayerTarVisitor } from './layer-tar.js';

export interface ParsedLayer {
  readonly entries: readonly RawEntry[];
  /** Content bytes of every entry in the tar, a path written twice counted twice (dive's layer size). */
  readonly sizeBytes: number;
  /** Names that climbed out of the root, as "entry '../x' climbs out of the image root; shown as 'x'". */
  readonly escapes: readonly string[];
  /** Where the blob lies in a file, when it came from one (set by layer-blobs.ts). */
  readonly blob?: LayerBlobLocation;
  /** The secrets scan of this layer's files, when one was asked for. */
  readonly secrets?: LayerSecrets;
  /**
   * `sha256:…` of the uncompressed tar, when this read hashed it as it parsed it. Absent when no hash was
   * taken before the model is made: --no-cache, a hash on the worker thread or put off until the explorer
   * is drawn, a trusted producer's stream, a layer taken from the cache. Never stored in the cache's files.
   */
  readonly tarDigest?: string;
  /**
   * A stream's layer taken from the cache by its member's name: the diff id that name gave (Docker >= 25
   * `blobs/sha256/<hex>`, podman `<hex>.tar`, or the one the cache learnt for a `<v1 id>/layer.tar`). The
   * member's bytes were not read, so only the name says they are that layer.
   */
  readonly namedAs?: string;
}

/** What else a layer's uncompressed bytes are for, beside its entries. */
export interface ParseLayerOptions {
  /** Sees every byte of the uncompressed tar (a registry checks them against the diff id). */
  readonly onTarBytes?: (chunk: Uint8Array) => void;
  /** Gets every byte of the uncompressed tar (the layer store, for stream sources); awaited when behind. */
  readonly sink?: LayerSink;
  /** Scan regular files for secrets as they stream past (the same single read). */
  readonly scanSecrets?: boolean;
  /**
   * Sees the uncompressed tar bytes for a hash that is only worth having when cheap (the layer cache's
   * diff id): past the end-of-archive marker it gets at most TRAILING_BYTES more, then `abandon` is
   * called and reading stops — a layer padded with gigabytes of zeros is not read for it.
   */
  readonly observeTarBytes?: { update(chunk: Uint8Array): void; abandon(): void };
  /**
   * Only frame the tar (where it ends), for `observeTarBytes` alone: no entries are made, no file is
   * hashed, and the result holds none. A layer cache filled after the read (deferred-fill.ts) hashes a
   * layer whose entries it already has.
   */
  readonly framingOnly?: boolean;
}

/** Frames the tar and sees nothing of its entries (framingOnly). */
const IGNORE_ENTRIES: LayerTarVisitor = { entry: () => undefined, data: () => undefined, end: () => undefined };

/** What a decompressor is given at a time, at least (coalesce-chunks.ts says why). */
const DECOMPRESSOR_INPUT_BYTES = 1 << 20;

/** Padding after the end marker that a cache hash still reads (tar writers pad to 10 KiB records). */
const TRAILING_BYTES = 1 << 20;

export async function parseLayer(
  chunks: AsyncIterable<Uint8Array>,
  kind: 'gzip' | 'zstd' | 'tar',
  abortSource: () => void,
  options: ParseLayerOptions = {},
): Promise<ParsedLayer> {
  const { onTarBytes, sink, observeTarBytes: observer } = options;
  let trailing = 0;
  const scan = options.scanSecrets ? new LayerSecretScan() : undefined;
  const layer = options.framingOnly ? undefined : new LayerEntries(await contentHashing(), scan);
  const parser = new LayerTarParser(layer ?? IGNORE_ENTRIES);
  const decompressor = decompressorFor(kind);
  // A failing source fails the decompressor, whose reader then sees it. No compressed chunk waits ahead
  // of the decompressor (feed-decompressor.ts): the one it works on is the only one held.
  if (decompressor) feedDecompressor(coalesceChunks(chunks, DECOMPRESSOR_INPUT_BYTES), decompressor);
  const source: AsyncIterable<Uint8Array> = decompressor ?? chunks;
  try {
    for await (const chunk of source) {
      // Hashing and the store need every byte of the layer, padding after the end marker included.
      onTarBytes?.(chunk);
      observer?.update(chunk);
      if (!parser.ended) parser.push(chunk);
      else trailing += chunk.length;
      const behind = sink?.write(chunk);
      if (behind) await behind;
      // Past the end-of-archive marker nothing counts (Go stops there): stop reading, and decompressing,
      // unless the bytes must still be hashed or stored.
      if (parser.ended && !onTarBytes && !sink && (!observer || trailing > TRAILING_BYTES)) {
        observer?.abandon();
        break;
      }
    }
    parser.end();
    await sink?.end();
  } catch (error) {
    sink?.abort();
    // Stop whatever still feeds this layer (a stalled pipe, the rest of the blob): no hang.
    decompressor?.destroy();
    abortSource();
    throw error;
  }
  if (!layer) return { entries: [], sizeBytes: 0, escapes: [] };
  return { entries: layer.inOrder(), sizeBytes: layer.writtenBytes, escapes: layer.escapes, ...(scan ? { secrets: scan.result() } : {}) };
}
