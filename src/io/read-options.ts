// What every image source takes and reports. Sources never touch process.*: the CLI passes the
// platform, environment and progress sink in.
import type { DeferredFill } from './archive/deferred-fill.js';
import type { LayerSink } from './store/layer-writer.js';
import type { ParsedLayerCache } from './store/parsed-cache.js';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export interface ReadProgress {
  /** Bytes of the archive (or export stream) consumed so far. */
  readonly bytesRead: number;
  /** Expected total, when the source knows it (file size, daemon's image size). */
  readonly bytesTotal?: number;
  readonly layersDone: number;
  readonly layersTotal?: number;
  /** Who the read waits on before its first byte ("the Docker daemon", writing the image out first). */
  readonly waitingFor?: string;
}

/**
 * Where layer blobs can be fetched again by digest after the read (a registry): the explorer shows a
 * registry image's files without having kept its layers. Every byte is checked against the digest.
 */
export interface BlobSource {
  /** Whether this source has the blob (it named it in the image it gave). */
  has(digest: string): boolean;
  /** The blob's bytes, front to back; fails (naming the blob) unless they hash to `digest`. */
  fetch(digest: string, signal: AbortSignal): AsyncIterable<Uint8Array>;
  /** Ends its connections (a source opens them again when asked for more). */
  close(): void;
}

/**
 * Reads an image again by its id, every layer offered to `keepLayer` (a daemon's: one more export). The
 * explorer keeps no layer of a daemon's image as it reads, and uses this when a file is first viewed.
 */
export interface ReadAgain {
  /** The image's id (its config digest): the same image however its tags moved since. */
  readonly id: string;
  read(keepLayer: NonNullable<ReadOptions['keepLayer']>, signal: AbortSignal): Promise<void>;
}

export interface ReadOptions {
  /** The name to give the image (what the user typed), when the archive's tags should not decide. */
  readonly name?: string;
  /**
   * The image the user picked in an archive (skopeo's `PATH:REF`): one the archive does not hold is an
   * error, not the first image shown under the name asked for. `name` alone only prefers.
   */
  readonly pickRef?: string;
  /** Which manifest of a multi-platform index to read. Default: the host's (the CLI fills it in). */
  readonly platform?: Platform;
  /** `platform` is the host's, not asked for: an archive holding one image opens whatever its platform. */
  readonly platformIsHostDefault?: boolean;
  readonly onProgress?: (progress: ReadProgress) => void;
  /** Expected size of the stream, for progress. */
  readonly totalBytes?: number;
  /** Ordered DiffIDs when known in advance (daemon inspect): lets a reader order layers before the manifest. */
  readonly knownDiffIds?: readonly string[];
  readonly signal?: AbortSignal;
  /**
   * Streams and registries (sources whose bytes cannot be read again): where each layer's uncompressed tar
   * is kept as it passes (the layer store). `member` is the layer's name in the archive, or its blob digest;
   * `diffId` the diff id the source gives it, when it gives one before the bytes (a registry's config).
   * Undefined back: not kept, e.g. already stored under that digest.
   */
  readonly keepLayer?: (member: string, diffId?: string) => Promise<LayerSink | undefined>;
  /** Called with the image's blob source once it is read, when its blobs can be fetched again (a registry). */
  readonly onBlobSource?: (source: BlobSource) => void;
  /** Called once a daemon's image is read, with how to read it again keeping its layers. */
  readonly onReadAgain?: (again: ReadAgain) => void;
  /** Scan every layer's text files for secrets during the read (ImageModel.secrets). */
  readonly scanSecrets?: boolean;
  /**
   * The stream comes from a producer that computed its layers' diff ids itself and can write the layer
   * cache anyway (a daemon on this machine, root's or this user's): its layers are kept in the cache under
   * the diff ids its config gives them, not hashed again. Never for an archive, a registry or a remote.
   */
  readonly trustedProducer?: boolean;
  /** Parsed layers by diff id: a layer already there is not parsed (nor fetched, from a registry). */
  readonly layerCache?: ParsedLayerCache;
  /**
   * With a layer cache: a layer read from a file is parsed without hashing it, and the fill that hashes
   * it again and keeps the parse is handed here, for the caller to run later (the explorer, once its
   * first frame is up). Streams and registries hash as they read, as without it.
   */
  readonly deferCacheFill?: (fill: DeferredFill) => void;
  /**
   * With a layer cache: a plain tar layer read from a file is hashed on a worker thread while this one
   * parses it, and the fill that keeps the parse is handed here at once, for the caller to run before it
   * ends (`--json`, `--ci`). Compressed layers hash as they are read. Takes precedence over deferCacheFill.
   */
  readonly hashAlongside?: (fill: DeferredFill) => void;
  /** With hashAlongside: how much the worker must get to be started (default MIN_WORKER_BYTES, hash-plan.ts). */
  readonly hashWorkerMinBytes?: number;
}

/** 'linux/arm64/v8' → Platform; undefined when malformed. */
export function parsePlatform(text: string): Platform | undefined {
  const [os, architecture, variant, ...rest] = text.split('/');
  if (!os || !architecture || rest.length > 0 || variant === '') return undefined;
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
