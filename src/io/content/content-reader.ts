// The ContentReader for an image, whatever its source. Per layer, the cheapest place that holds its
// uncompressed tar: the layer store (a seek, blocks checked), a plain blob in a file (a seek), a
// compressed blob in a file (decompressed from its start up to the file). A layer read from a stream and
// not in the store cannot be read again without reading the image again: that is a typed error.
import { open } from 'node:fs/promises';
import { LayerscopeError } from '../../core/errors.js';
import type { ContentReader } from '../../core/content.js';
import type { ImageModel, Layer } from '../../core/model.js';
import type { PathId } from '../../core/path-table.js';
import type { LayerStore } from '../store/layer-store.js';
import type { StoredLayer } from '../store/stored-layer.js';
import { StoreFileDamaged } from '../store/store-errors.js';
import { readCompressedRange } from './compressed-range.js';
import { fileData, type ShowName } from './file-version.js';

export interface ContentReaderOptions {
  /** The layer store; undefined with --no-cache. */
  readonly store?: LayerStore;
  /**
   * Compressed blobs: let the first read of a layer go on decompressing to the end into the store, so the
   * next reads are seeks (the explorer, which reads many files). A one-shot `cat` does not want that.
   */
  readonly keepDecompressed?: boolean;
  /** Escapes image paths in error messages (the CLI passes escapeName). */
  readonly showName?: ShowName;
}

export interface ClosableContentReader extends ContentReader {
  /** Stops background store writes (their temporary files are removed). */
  close(): Promise<void>;
}

async function readPlain(file: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await handle.read(buf, got, length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got < length)
      throw new LayerscopeError('archive', `${file} is shorter than when it was read`, 'the file changed; read the image again');
    return buf;
  } finally {
    await handle.close();
  }
}

const notKept = (layer: Layer): LayerscopeError =>
  new LayerscopeError(
    'source',
    `the bytes of layer ${layer.index + 1} were not kept when the image was read`,
    'read it without --no-cache (cat and extract keep the layers of a daemon, registry or stdin image in the layer store), or open the explorer with --keep-layers',
  );

export function openContentReader(image: ImageModel, options: ContentReaderOptions = {}): ClosableContentReader {
  const { store } = options;
  const stored = new Map<number, Promise<StoredLayer | undefined>>();
  const warming = new Map<number, { stop: AbortController; done: Promise<void> }>();
  const storedLayer = (layer: Layer): Promise<StoredLayer | undefined> => {
    if (!store) return Promise.resolve(undefined);
    let found = stored.get(layer.index);
    if (!found) stored.set(layer.index, (found = store.open(layer.diffId)));
    return found;
  };

  async function layerBytes(layer: Layer, offset: number, length: number, signal?: AbortSignal): Promise<Buffer> {
    const copy = await storedLayer(layer);
    if (copy) {
      try {
        return await copy.read(offset, length);
      } catch (error) {
        stored.delete(layer.index);
        // A damaged copy is gone now; the blob (when there is one) still has the bytes.
        if (!(error instanceof StoreFileDamaged) || !layer.blob) {
          throw error instanceof StoreFileDamaged
            ? new LayerscopeError('source', `${error.message}; it was removed`, 'read the image again to store the layer anew', {
                cause: error,
              })
            : error;
        }
      }
    }
    const blob = layer.blob;
    if (!blob) throw notKept(layer);
    if (blob.compression === 'tar') return readPlain(blob.file, blob.offset + offset, length);
    const keep = options.keepDecompressed && store && !warming.has(layer.index);
    if (!keep) return readCompressedRange(blob, offset, length, { signal }).bytes;
    const stop = new AbortController();
    const pass = readCompressedRange(blob, offset, length, { signal: stop.signal, keepTo: await store.writer() });
    const done = pass.done.then(
      () => {
        stored.delete(layer.index);
      },
      () => {
        warming.delete(layer.index);
      },
    );
    warming.set(layer.index, { stop, done });
    return pass.bytes;
  }

  return {
    async read(layerIndex: number, path: PathId, start: number, length: number, signal?: AbortSignal): Promise<Uint8Array> {
      const data = fileData(image, layerIndex, path, options.showName);
      const from = Math.min(Math.max(0, start), data.size);
      const n = Math.max(0, Math.min(length, data.size - from));
      if (n === 0) return new Uint8Array(0);
      signal?.throwIfAborted();
      return layerBytes(image.layers[data.layer]!, data.dataOffset + from, n, signal);
    },
    async close(): Promise<void> {
      for (const { stop, done } of warming.values()) {
        stop.abort();
        await done;
      }
    },
  };
}
