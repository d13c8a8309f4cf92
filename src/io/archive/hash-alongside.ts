// A plain tar layer of a file hashed on the worker thread (hash-worker.ts) while this thread parses it,
// for a layer cache filled during a `--json` or `--ci` read; and which layers go there (hash-plan.ts).
import type { ReadOptions } from '../read-options.js';
import { parseBlob, type BlobParseOptions } from './blob-parse.js';
import type { TarHash } from './deferred-fill.js';
import type { LayerBlob } from './layer-blob.js';
import { layersForWorker } from './hash-plan.js';
import { hashFileRange } from './hash-worker.js';
import type { ParsedLayer } from './parse-layer.js';

/** The keys of the blobs whose hash the worker takes: none unless asked, nor for cached layers. */
export async function planHashes(todo: readonly LayerBlob[], opts: ReadOptions): Promise<Set<string>> {
  const cache = opts.layerCache;
  if (!cache || !opts.hashAlongside) return new Set();
  const held = await Promise.all(todo.map((b) => (b.diffId ? cache.holds(b.diffId) : Promise.resolve(false))));
  const toParse = todo.filter((_, i) => !held[i]);
  const hashable = toParse.filter((b) => b.location && b.diffId);
  const chosen = layersForWorker(
    hashable.map((b) => b.bytes),
    toParse.reduce((sum, b) => sum + b.bytes, 0),
  );
  return new Set(hashable.filter((_, i) => chosen.has(i)).map((b) => b.key));
}

/**
 * Parses `blob` (a plain tar at `where`) while the worker hashes the same bytes; `keep` gets the parse
 * and its hash, unless the tar is padded past what the cache hashes (parse-layer.ts, TRAILING_BYTES):
 * the inline hash gives up there, and so does the worker.
 */
export async function parseWithHashOnWorker(
  blob: LayerBlob,
  where: NonNullable<LayerBlob['location']>,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  options: BlobParseOptions,
  keep: (parsed: ParsedLayer, hash: TarHash) => void,
): Promise<ParsedLayer> {
  const hashStop = new AbortController();
  const stopHash = (): void => hashStop.abort(signal.reason);
  signal.addEventListener('abort', stopHash, { once: true });
  const hashing = hashFileRange(where.file, where.offset, where.bytes, hashStop.signal);
  hashing.catch(() => undefined).finally(() => signal.removeEventListener('abort', stopHash));
  // Nothing to hash here: the observer is only told where the padding goes past the limit.
  let padded = false;
  const observeTarBytes = { update: () => undefined, abandon: () => void (padded = true) };
  const parsed = await parseBlob(blob, signal, onBytes, { ...options, observeTarBytes }).catch((error: unknown) => {
    hashStop.abort(error);
    throw error;
  });
  if (padded) hashStop.abort(new Error('padded past what the cache hashes'));
  else keep(parsed, () => hashing);
  return parsed;
}
