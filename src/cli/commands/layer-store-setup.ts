// Where the layer store lives and how big it may grow, from flags and the environment, and what the
// CLI hands the explorer to read file contents (see contentSetup).
import { storeRoot } from '../store-root.js';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { BlobSource, ReadAgain, ReadOptions } from '../../io/read-options.js';
import { LayerStore } from '../../io/store/layer-store.js';
import type { LayerSink } from '../../io/store/layer-writer.js';
import { ParsedLayerCache } from '../../io/store/parsed-cache.js';
import { openContentReader, type ClosableContentReader } from '../../io/content/content-reader.js';

export const DEFAULT_CACHE_MAX = '5G';
const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** '5G', '500M', '0', '1234' → bytes (K/M/G/T are powers of 1024). */
export function parseSize(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) throw new LayerscopeError('usage', `bad ${what} '${text}'`, 'write a size such as 500M, 5G or 0');
  return Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
}

export interface StoreFlags {
  /** false with --no-cache. */
  readonly cache?: boolean;
  readonly cacheMax?: string;
}

export function layerStoreFrom(env: NodeJS.ProcessEnv, flags: StoreFlags): LayerStore | undefined {
  if (flags.cache === false) return undefined;
  // An empty LAYERSCOPE_CACHE_MAX= is unset, as an empty variable is to the shell's users.
  const max = flags.cacheMax ?? (env.LAYERSCOPE_CACHE_MAX?.trim() || DEFAULT_CACHE_MAX);
  return new LayerStore(storeRoot(env), parseSize(max, flags.cacheMax ? '--cache-max' : 'LAYERSCOPE_CACHE_MAX'));
}

/** Parsed layers by diff id, in the same store and under the same cap; undefined with --no-cache. */
export function parsedCacheFrom(env: NodeJS.ProcessEnv, flags: StoreFlags): ParsedLayerCache | undefined {
  const store = layerStoreFrom(env, flags);
  return store && new ParsedLayerCache(store);
}

/** The `--debug` line that says what the cache saved (the integration tests count parses with it). */
export const cacheDebugLine = (cache: ParsedLayerCache): string =>
  `layerscope: debug: layer cache: ${cache.stats.parsed} layers parsed, ${cache.stats.recalled} from the cache${
    cache.imagesUnread > 0 ? `; ${cache.imagesUnread === 1 ? 'the image' : `${cache.imagesUnread} images`} not exported` : ''
  }\n`;

// Docker >= 25 names an uncompressed layer blobs/sha256/<diff id>, podman <diff id>.tar: a layer
// already stored under that name is not written again (Docker <= 24's <id>/layer.tar says nothing).
const DIFF_ID_MEMBER = /^(?:blobs\/sha256\/([0-9a-f]{64})|([0-9a-f]{64})\.tar)$/;

// Docker <= 24's <v1 id>/layer.tar: the layer cache knows its diff id once it has hashed that layer.
const V1_MEMBER = /^([0-9a-f]{64})\/layer\.tar$/;

async function keepUnlessStored(
  store: LayerStore,
  cache: ParsedLayerCache,
  member: string,
  given: string | undefined,
): Promise<LayerSink | undefined> {
  const m = DIFF_ID_MEMBER.exec(member);
  const v1 = V1_MEMBER.exec(member)?.[1];
  const diffId = given ?? (m ? `sha256:${m[1] ?? m[2]}` : v1 ? await cache.aliased(v1) : undefined);
  if (diffId && (await store.has(diffId))) return undefined;
  return store.writer();
}

export interface ContentSetup {
  readonly store?: LayerStore;
  /**
   * Merge into the ReadOptions of loadImage: stream sources then keep their layers in the store, and
   * layers parsed before (and, from a stream, stored) are not parsed again.
   */
  readonly readOptions: Pick<ReadOptions, 'keepLayer' | 'layerCache'>;
  /**
   * Merge into the ReadOptions of every read whose files may be viewed: a registry image's layers can
   * then be fetched again for their files, and a daemon's image exported again (see layers-again.ts),
   * without having been kept as it was read.
   */
  readonly refetchOptions: Pick<ReadOptions, 'onBlobSource' | 'onReadAgain'>;
  /**
   * The ContentReader for an image read with `readOptions`. `keepDecompressed`: compressed layers go on
   * into the store after the first read (the explorer); a one-shot command passes false.
   */
  reader(image: ImageModel, keepDecompressed: boolean): ClosableContentReader;
  /** Ends the connections of the blob sources (after the readers are closed). */
  close(): void;
}

export function contentSetup(env: NodeJS.ProcessEnv, flags: StoreFlags): ContentSetup {
  const store = layerStoreFrom(env, flags);
  const layerCache = store && new ParsedLayerCache(store);
  const sources: BlobSource[] = [];
  const agains: ReadAgain[] = [];
  const blobSource = (digest: string): BlobSource | undefined => sources.find((source) => source.has(digest));
  const keepLayer = store && layerCache && ((member: string, diffId?: string) => keepUnlessStored(store, layerCache, member, diffId));
  return {
    store,
    readOptions: keepLayer && layerCache ? { keepLayer, layerCache } : {},
    refetchOptions: { onBlobSource: (source) => sources.push(source), onReadAgain: (again) => agains.push(again) },
    reader: (image, keepDecompressed) => {
      const again = keepLayer && agains.find((a) => a.id === image.id);
      const readAgain = again && ((signal: AbortSignal) => again.read(keepLayer, signal));
      return openContentReader(image, { store, keepDecompressed, blobSource, ...(readAgain ? { readAgain } : {}) });
    },
    close: () => {
      for (const source of sources) source.close();
    },
  };
}
