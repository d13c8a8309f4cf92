// Parsing the layer blobs of a source with random access (an archive file, an OCI layout directory):
// only the blobs the chosen image names, each once, a few at a time. Two layers at once keep both cores
// busy: one layer's gunzip (zlib's thread) or zstd (its own process) runs while another layer's entries
// are parsed here, and a plain layer's disk reads overlap another's parsing.
import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { LayerscopeError } from '../../core/errors.js';
import type { LayerBlobLocation } from '../../core/model.js';
import { progressReporter } from '../progress-reporter.js';
import { LIMITS, overLimit } from '../image/limits.js';
import type { ReadOptions } from '../read-options.js';
import type { VerifiedParse } from '../store/parsed-cache.js';
import { pathRange } from '../file/file-range.js';
import { deferredFill, fileIdentity } from './deferred-fill.js';
import { parseLayer, type ParseLayerOptions, type ParsedLayer } from './parse-layer.js';
import { readHead, replay } from './peek.js';
import { toArchiveError } from './read-errors.js';
import { isLayerKind, sniff } from './sniff.js';

const CONCURRENT_LAYERS = 2;

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
  /** The identity of the open file `chunks` reads (fstat when it was opened), for a fill deferred past the read. */
  readonly opened?: BigIntStats;
}

/** The config's `rootfs.diff_ids` (entries that are not strings left undefined). */
export function configDiffIds(config: unknown): readonly (string | undefined)[] {
  const rootfs = typeof config === 'object' && config !== null ? (config as { rootfs?: unknown }).rootfs : undefined;
  const ids = typeof rootfs === 'object' && rootfs !== null ? (rootfs as { diff_ids?: unknown }).diff_ids : undefined;
  return Array.isArray(ids) ? ids.map((id) => (typeof id === 'string' ? id : undefined)) : [];
}

/** The blob's compression, from its first bytes (a cached layer still needs it for content reads). */
async function sniffBlob(blob: LayerBlob, signal: AbortSignal): Promise<'tar' | 'gzip' | 'zstd'> {
  const it = blob.chunks(signal)[Symbol.asyncIterator]();
  try {
    const kind = sniff((await readHead(it)).head);
    return isLayerKind(kind) ? kind : 'tar';
  } finally {
    await it.return?.();
  }
}

/**
 * The layer from the cache when its diff id is there, else parsed, hashing its tar (sha256) so that it
 * is stored under a diff id it was seen to have, never one it was only said to have.
 */
async function parseOrRecall(blob: LayerBlob, signal: AbortSignal, onBytes: (n: number) => void, opts: ReadOptions): Promise<ParsedLayer> {
  const cache = opts.layerCache;
  const scan = { scanSecrets: opts.scanSecrets };
  if (!cache) return parseBlob(blob, signal, onBytes, scan);
  if (!blob.diffId) return (await cache.parsed(async () => ({ parsed: await parseBlob(blob, signal, onBytes, scan) }))).parsed;
  let fromCache = true;
  const diffId = blob.diffId;
  const defer = opts.deferCacheFill;
  const layer = await cache.recall(
    diffId,
    async () => {
      fromCache = false;
      if (blob.tarDigest) return { parsed: await parseBlob(blob, signal, onBytes, scan), diffId: blob.tarDigest() };
      if (defer && blob.location) {
        // Hashed later, from the file again (deferred-fill.ts): this read only parses.
        const where = blob.location;
        const before = blob.opened ?? (await fileIdentity(where.file));
        const parsed = await parseBlob(blob, signal, onBytes, scan);
        // The reader's own handle is closed once the image is read: read the bytes again by the file's path,
        // only framing the tar (its entries are in hand).
        const again: LayerBlob = { ...blob, chunks: (s) => pathRange(where.file, where.offset, where.bytes, { signal: s }) };
        defer(
          deferredFill(
            cache,
            diffId,
            parsed,
            where.file,
            before,
            async (s) => (await parseHashing(again, s, () => undefined, { framingOnly: true })).diffId,
          ),
        );
        return { parsed };
      }
      return parseHashing(blob, signal, onBytes, scan);
    },
    opts.scanSecrets === true,
  );
  // A layer parsed by another image of this process, or cached, lies elsewhere (or nowhere): point at this blob.
  if (!blob.location) {
    const { blob: _elsewhere, ...rest } = layer;
    return rest;
  }
  if (!fromCache && layer.blob?.file === blob.location.file && layer.blob.offset === blob.location.offset) return layer;
  return { ...layer, blob: { ...blob.location, compression: await sniffBlob(blob, signal) } };
}

/** The parse, with the sha256 of every tar byte it read (none when it gave up on endless padding). */
async function parseHashing(
  blob: LayerBlob,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  options: BlobParseOptions,
): Promise<VerifiedParse> {
  const sha = createHash('sha256');
  let whole = true;
  const parsed = await parseBlob(blob, signal, onBytes, {
    ...options,
    observeTarBytes: {
      update: (c) => {
        sha.update(c);
      },
      abandon: () => {
        whole = false;
      },
    },
  });
  return whole ? { parsed, diffId: `sha256:${sha.digest('hex')}` } : { parsed };
}

type BlobParseOptions = Pick<ParseLayerOptions, 'scanSecrets' | 'observeTarBytes' | 'framingOnly'>;

async function parseBlob(
  blob: LayerBlob,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  options: BlobParseOptions,
): Promise<ParsedLayer> {
  const it = blob.chunks(signal)[Symbol.asyncIterator]();
  const counted: AsyncIterator<Uint8Array> = {
    next: () => it.next().then((r) => (r.done ? r : (onBytes(r.value.length), r))),
  };
  try {
    const { chunks, head, done } = await readHead(counted);
    const kind = sniff(head);
    if (!isLayerKind(kind)) {
      throw new LayerscopeError(
        'archive',
        `${blob.where} is neither a tar, gzip nor zstd stream`,
        'the image is damaged; copy or export it again',
      );
    }
    const parsed = await parseLayer(replay(chunks, counted, done), kind, () => undefined, {
      ...(blob.onTarBytes ? { onTarBytes: blob.onTarBytes } : {}),
      ...options,
    }).catch((error: unknown) => {
      throw toArchiveError(error, blob.where, kind === 'tar' ? undefined : kind);
    });
    return blob.location ? { ...parsed, blob: { ...blob.location, compression: kind } } : parsed;
  } catch (error) {
    throw toArchiveError(error, blob.where);
  } finally {
    // Stops the reads still queued for this blob (a failure, or another layer's).
    await it.return?.();
  }
}

/** Every distinct blob of `blobs` parsed, by key. The first failure stops the rest and is thrown. */
export async function parseLayerBlobs(blobs: readonly LayerBlob[], opts: ReadOptions): Promise<Map<string, ParsedLayer>> {
  const todo = [...new Map(blobs.map((b) => [b.key, b])).values()];
  const parsed = new Map<string, ParsedLayer>();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const bytesTotal = todo.reduce((sum, b) => sum + b.bytes, 0);
  let bytesRead = 0;
  const report = progressReporter(opts.onProgress, () => ({ bytesRead, bytesTotal, layersDone: parsed.size, layersTotal: todo.length }));
  let next = 0;
  let entryCount = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < todo.length) {
      const blob = todo[next++]!;
      try {
        let counted = 0;
        const layer = await parseOrRecall(
          blob,
          stop.signal,
          (n) => {
            counted += n;
            bytesRead += n;
            report(false);
          },
          opts,
        );
        // A layer recalled from the cache was never read (and a tar may end before its blob does): done
        // is done, so its bytes count in full and the bar reaches its total.
        bytesRead += Math.max(0, blob.bytes - counted);
        parsed.set(blob.key, layer);
        entryCount += layer.entries.length;
        if (entryCount > LIMITS.entries) throw overLimit(`the image's layers hold more than ${LIMITS.entries} entries`, LIMITS.entries);
        report(true);
      } catch (error) {
        // The first failure is the one to tell (the others are mostly "aborted" after it).
        failure ??= { error: opts.signal?.aborted ? opts.signal.reason : error };
        stop.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_LAYERS, todo.length) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure.error;
  return parsed;
}
