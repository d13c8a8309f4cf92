// Parsing one layer blob: sniffed (tar, gzip, zstd), parsed, and when asked hashed as it is parsed.
import { createHash } from 'node:crypto';
import { LayerscopeError } from '../../core/errors.js';
import type { VerifiedParse } from '../store/parsed-cache.js';
import type { LayerBlob } from './layer-blob.js';
import { parseLayer, type ParseLayerOptions, type ParsedLayer } from './parse-layer.js';
import { readHead, replay } from './peek.js';
import { toArchiveError } from './read-errors.js';
import { isLayerKind, sniff } from './sniff.js';

/** The blob's compression, from its first bytes (a cached layer still needs it for content reads). */
export async function sniffBlob(blob: LayerBlob, signal: AbortSignal): Promise<'tar' | 'gzip' | 'zstd'> {
  const it = blob.chunks(signal)[Symbol.asyncIterator]();
  try {
    const kind = sniff((await readHead(it)).head);
    return isLayerKind(kind) ? kind : 'tar';
  } finally {
    await it.return?.();
  }
}

/** The parse, with the sha256 of every tar byte it read (none when it gave up on endless padding). */
export async function parseHashing(
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

export type BlobParseOptions = Pick<ParseLayerOptions, 'scanSecrets' | 'observeTarBytes' | 'framingOnly' | 'sink'>;

export async function parseBlob(
  blob: LayerBlob,
  signal: AbortSignal,
  onBytes: (n: number) => void,
  options: BlobParseOptions,
): Promise<ParsedLayer> {
  const it = blob.chunks(signal)[Symbol.asyncIterator]();
  let delivered = 0;
  const counted: AsyncIterator<Uint8Array> = {
    next: () => it.next().then((r) => (r.done ? r : ((delivered += r.value.length), onBytes(r.value.length), r))),
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
      throw toArchiveError(error, blob.where, kind === 'tar' ? undefined : kind, delivered >= blob.bytes);
    });
    return blob.location ? { ...parsed, blob: { ...blob.location, compression: kind } } : parsed;
  } catch (error) {
    throw toArchiveError(error, blob.where);
  } finally {
    // Stops the reads still queued for this blob (a failure, or another layer's).
    await it.return?.();
  }
}
