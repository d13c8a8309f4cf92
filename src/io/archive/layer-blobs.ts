// Parsing the layer blobs of a source with random access (an archive file, an OCI layout directory):
// only the blobs the chosen image names, each once, a few at a time. Two layers at once keep both cores
// busy: one layer's gunzip (zlib's thread) or zstd (its own process) runs while another layer's entries
// are parsed here, and a plain layer's disk reads overlap another's parsing.
import { progressReporter } from '../progress-reporter.js';
import { LIMITS, overLimit } from '../image/limits.js';
import type { ReadOptions } from '../read-options.js';
import { pathRange } from '../file/file-range.js';
import { parseBlob, parseHashing, sniffBlob } from './blob-parse.js';
import { deferredFill, fileIdentity, type TarHash } from './deferred-fill.js';
import { parseForBlobHashLater, parseWithHashOnWorker, planHashes, type BlobKind } from './hash-alongside.js';
import type { LayerBlob } from './layer-blob.js';
import type { ParsedLayer } from './parse-layer.js';
import type { LayerSink } from '../store/layer-writer.js';

const CONCURRENT_LAYERS = 2;

/** The config's `rootfs.diff_ids` (entries that are not strings left undefined). */
export function configDiffIds(config: unknown): readonly (string | undefined)[] {
  const rootfs = typeof config === 'object' && config !== null ? (config as { rootfs?: unknown }).rootfs : undefined;
  const ids = typeof rootfs === 'object' && rootfs !== null ? (rootfs as { diff_ids?: unknown }).diff_ids : undefined;
  return Array.isArray(ids) ? ids.map((id) => (typeof id === 'string' ? id : undefined)) : [];
}

/**
 * The layer from the cache when its diff id (or its compressed blob's digest) is there, else parsed and
 * hashed, so that it is stored only under a digest its bytes were seen to have, never one they were only
 * said to have: its tar's sha256 (the diff id), or a compressed blob's own. The hash is taken as the
 * parse reads (streams, registries), on the worker beside it (`hashAlongside`: hash-alongside.ts), or
 * after it (`deferCacheFill`: the explorer, once drawn). `onWorker`: what the worker's plan found the blob
 * to be, when the worker takes it. Only a hash taken as the parse reads is in hand for the model's
 * diff_id check (ParsedLayer.tarDigest): the worker's and a deferred fill's come after the model is made.
 */
async function parseOrRecall(
  blob: LayerBlob,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  opts: ReadOptions,
  onWorker: BlobKind | undefined,
): Promise<ParsedLayer> {
  const cache = opts.layerCache;
  const scan = { scanSecrets: opts.scanSecrets };
  // A blob that lies in no file (a registry's) cannot be read again for its files' bytes: when the caller
  // keeps layers (cat, extract, --keep-layers) it goes to the store as it is parsed, and is fetched for
  // that even when the layer cache has its entries.
  const sink = !blob.location && opts.keepLayer ? await opts.keepLayer(blob.key, blob.diffId) : undefined;
  if (sink) return parseKeeping(blob, sink, signal, onBytes, opts);
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
      const where = blob.location;
      const hand = opts.hashAlongside;
      // A plain tar's bytes are its diff id's; a compressed blob's are its own digest's.
      const keyOnWorker = onWorker === 'tar' ? diffId : blob.blobDigest;
      if (where && hand && onWorker && keyOnWorker) {
        const before = blob.opened ?? (await fileIdentity(where.file));
        const parsed = await parseWithHashOnWorker({ blob, where, signal, onBytes, options: scan }, (p, hash) =>
          hand(deferredFill(cache, keyOnWorker, p, where.file, before, hash)),
        );
        return { parsed };
      }
      if (defer && where) {
        // Hashed later, from the file again (deferred-fill.ts): this read only parses. A compressed blob
        // with a digest of its own is hashed as it lies in the file; a tar is framed again.
        const before = blob.opened ?? (await fileIdentity(where.file));
        const digest = blob.blobDigest;
        if (digest && (blob.kind ?? (await sniffBlob(blob, signal))) !== 'tar') {
          const parsed = await parseForBlobHashLater({ blob, where, signal, onBytes, options: scan }, (p, hash) =>
            defer(deferredFill(cache, digest, p, where.file, before, hash)),
          );
          return { parsed };
        }
        const parsed = await parseBlob(blob, signal, onBytes, scan);
        defer(deferredFill(cache, diffId, parsed, where.file, before, hashAgain(blob, where)));
        return { parsed };
      }
      return parseHashing(blob, signal, onBytes, scan);
    },
    opts.scanSecrets === true,
    // A plain tar's blob digest is its tar's: were it not the diff id, the archive would contradict itself,
    // and the name is no better than the config (`docker load` reads the bytes a misnamed member holds).
    blob.kind === 'tar' ? undefined : blob.blobDigest,
  );
  // A layer parsed by another image of this process, or cached, lies elsewhere (or nowhere): point at this blob.
  if (!blob.location) {
    const { blob: _elsewhere, ...rest } = layer;
    return rest;
  }
  if (!fromCache && layer.blob?.file === blob.location.file && layer.blob.offset === blob.location.offset) return layer;
  return { ...layer, blob: { ...blob.location, compression: blob.kind ?? (await sniffBlob(blob, signal)) } };
}

/** The parse of a blob whose tar goes to `sink` as it is read, kept in the layer cache too when its diff id checks. */
async function parseKeeping(
  blob: LayerBlob,
  sink: LayerSink,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  opts: ReadOptions,
): Promise<ParsedLayer> {
  const options = { scanSecrets: opts.scanSecrets, sink };
  const cache = opts.layerCache;
  if (!cache) return parseBlob(blob, signal, onBytes, options);
  const result = await cache.parsed(async () => ({
    parsed: await parseBlob(blob, signal, onBytes, options),
    ...(blob.tarDigest ? { diffId: blob.tarDigest() } : {}),
  }));
  if (blob.diffId && result.diffId === blob.diffId) await cache.put(blob.diffId, result.parsed).catch(() => undefined);
  return result.diffId ? { ...result.parsed, tarDigest: result.diffId } : result.parsed;
}

/**
 * How a deferred fill hashes the blob again: read again by the file's path (the reader's own handle is
 * closed once the image is read), only framing the tar, whose entries are in hand. On this thread: the
 * explorer is idle by then, and a worker would add 10 MB of RSS for it.
 */
function hashAgain(blob: LayerBlob, where: NonNullable<LayerBlob['location']>): TarHash {
  const again: LayerBlob = { ...blob, chunks: (s) => pathRange(where.file, where.offset, where.bytes, { signal: s }) };
  return async (s) => (await parseHashing(again, s, () => undefined, { framingOnly: true })).diffId;
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
  const onWorker = await planHashes(todo, opts, stop.signal);
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
          onWorker.get(blob.key),
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
