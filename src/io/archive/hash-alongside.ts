// A layer blob of a file hashed on the worker thread (hash-worker.ts) while this thread parses it, for a
// layer cache filled during a `--json` or `--ci` read; and which blobs go there (hash-plan.ts). A plain
// tar's bytes are its diff id's, and its parse is kept under that; a compressed blob's bytes are its own
// digest's (an OCI descriptor's), and its parse is kept under that digest, which a later read of the same
// blob looks under (parsed-cache.ts, recall). Hashing the compressed bytes needs no second decompression.
import { createHash } from 'node:crypto';
import { pathRange } from '../file/file-range.js';
import type { ReadOptions } from '../read-options.js';
import { parseBlob, sniffBlob, type BlobParseOptions } from './blob-parse.js';
import type { TarHash } from './deferred-fill.js';
import type { LayerBlob } from './layer-blob.js';
import { layersForWorker } from './hash-plan.js';
import { hashFileRange } from './hash-worker.js';
import type { ParsedLayer } from './parse-layer.js';

export type BlobKind = 'tar' | 'gzip' | 'zstd';

/**
 * The blobs whose hash the worker takes, by key, with what they are: none unless asked, nor cached
 * layers, nor a compressed blob with no digest of its own to be kept under.
 */
export async function planHashes(todo: readonly LayerBlob[], opts: ReadOptions, signal: AbortSignal): Promise<Map<string, BlobKind>> {
  const cache = opts.layerCache;
  if (!cache || !opts.hashAlongside) return new Map();
  const holds = async (b: LayerBlob): Promise<boolean> =>
    (b.diffId !== undefined && (await cache.holds(b.diffId))) || (b.blobDigest !== undefined && (await cache.holds(b.blobDigest)));
  const held = await Promise.all(todo.map(holds));
  const toParse = todo.filter((_, i) => !held[i]);
  const withFile = toParse.filter((b) => b.location && b.diffId);
  const kinds = await Promise.all(withFile.map((b) => b.kind ?? sniffBlob(b, signal)));
  const hashable = withFile.map((blob, i) => ({ blob, kind: kinds[i]! })).filter(({ blob, kind }) => kind === 'tar' || blob.blobDigest);
  const chosen = layersForWorker(
    hashable.map(({ blob, kind }) => ({ bytes: blob.bytes, compressed: kind !== 'tar' })),
    toParse.reduce((sum, b) => sum + b.bytes, 0),
    opts.hashWorkerMinBytes,
  );
  return new Map(hashable.filter((_, i) => chosen.has(i)).map(({ blob, kind }) => [blob.key, kind]));
}

/**
 * Parses `blob`, and says whether the parse read it to its end: a hash of the whole blob is the key of
 * that parse only then. A tar padded past what the cache hashes (parse-layer.ts, TRAILING_BYTES) is not
 * read to its end, and its inline hash gives up there: so does this.
 */
async function parseToTheEnd(
  blob: LayerBlob,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  options: BlobParseOptions,
): Promise<{ parsed: ParsedLayer; whole: boolean }> {
  // Nothing to hash here: the observer only keeps the parse reading past the end marker, and is told
  // when the padding goes past the limit.
  let padded = false;
  const observeTarBytes = { update: () => undefined, abandon: () => void (padded = true) };
  let consumed = 0;
  const counted = (n: number): void => {
    consumed += n;
    onBytes(n);
  };
  const parsed = await parseBlob(blob, signal, counted, { ...options, observeTarBytes });
  return { parsed, whole: !padded && consumed === blob.bytes };
}

/** One blob to parse: where its bytes lie, what stops it, and what counts them. */
export interface BlobToParse {
  readonly blob: LayerBlob;
  readonly where: NonNullable<LayerBlob['location']>;
  readonly signal: AbortSignal;
  readonly onBytes: (n: number) => void;
  readonly options: BlobParseOptions;
}

/** What gets a parse and the hash it is to be kept under. */
type Keep = (parsed: ParsedLayer, hash: TarHash) => void;

/** Parses the blob while the worker hashes its bytes; `keep` gets the parse and that hash. */
export async function parseWithHashOnWorker({ blob, where, signal, onBytes, options }: BlobToParse, keep: Keep): Promise<ParsedLayer> {
  const hashStop = new AbortController();
  const stopHash = (): void => hashStop.abort(signal.reason);
  signal.addEventListener('abort', stopHash, { once: true });
  const hashing = hashFileRange(where.file, where.offset, where.bytes, hashStop.signal);
  hashing.catch(() => undefined).finally(() => signal.removeEventListener('abort', stopHash));
  const { parsed, whole } = await parseToTheEnd(blob, signal, onBytes, options).catch((error: unknown) => {
    hashStop.abort(error);
    throw error;
  });
  if (whole) keep(parsed, () => hashing);
  else hashStop.abort(new Error('the parse stopped before the end of the blob'));
  return parsed;
}

/**
 * Parses a compressed blob for the explorer, whose layer cache fills once it is drawn: `keep` gets the
 * parse and a hash of the blob as it lies in the file, taken on this thread when asked (the explorer is
 * idle by then). The fill hashes fewer bytes than the tar, and decompresses nothing.
 */
export async function parseForBlobHashLater({ blob, where, signal, onBytes, options }: BlobToParse, keep: Keep): Promise<ParsedLayer> {
  const { parsed, whole } = await parseToTheEnd(blob, signal, onBytes, options);
  if (whole) keep(parsed, (s) => sha256OfRange(where, s));
  return parsed;
}

async function sha256OfRange(where: NonNullable<LayerBlob['location']>, signal: AbortSignal): Promise<string> {
  const sha = createHash('sha256');
  for await (const chunk of pathRange(where.file, where.offset, where.bytes, { signal, reuse: true })) sha.update(chunk);
  return `sha256:${sha.digest('hex')}`;
}
