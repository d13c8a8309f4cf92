// One layer blob: what a source with random access (an archive file, an OCI layout directory, a
// registry's blob) gives the layer reader.
import type { BigIntStats } from 'node:fs';
import type { LayerBlobLocation } from '../../core/model.js';

export interface LayerBlob {
  /** What identifies the blob (a member path, a digest): blobs with the same key are parsed once. */
  readonly key: string;
  /** How messages name it: "layer blob 'abc/layer.tar'", "layer 2 (sha256:…)". */
  readonly where: string;
  readonly bytes: number;
  /** Where the blob lies in a file, so its files' bytes can be read again later (content path). */
  readonly location?: Omit<LayerBlobLocation, 'compression'>;
  /** The blob's bytes, front to back; stops with the signal. */
  chunks(signal: AbortSignal): AsyncIterable<Uint8Array>;
  /** Sees the uncompressed tar bytes as they are parsed (optional). */
  readonly onTarBytes?: (chunk: Uint8Array) => void;
  /**
   * When `onTarBytes` hashes them (a registry, for its diff_id check): that sha256, once the layer is
   * parsed. Every byte reaches `onTarBytes` (the parse reads to the end for it), so the layer cache takes
   * this digest rather than hashing the same bytes a second time.
   */
  readonly tarDigest?: () => string;
  /** The diff id the config gives this layer: with a layer cache, a layer found there is not read. */
  readonly diffId?: string;
  /**
   * The sha256 the blob's own bytes claim to have (an OCI descriptor's digest, a `blobs/sha256/<hex>`
   * member's name): a compressed blob hashed on the worker is kept in the layer cache under it (checked).
   */
  readonly blobDigest?: string;
  /** What sniffing its first bytes found, when the source already looked (the hash plan wants it). */
  readonly kind?: 'tar' | 'gzip' | 'zstd';
  /** The identity of the open file `chunks` reads (fstat when it was opened), for a fill deferred past the read. */
  readonly opened?: BigIntStats;
}
