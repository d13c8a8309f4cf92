// The ContentReader for an image, whatever its source. Per layer, the cheapest place that holds its
// uncompressed tar: the layer store (a seek, blocks checked), a plain blob in a file (a seek), a
// compressed blob in a file (decompressed from its start up to the file). A layer read from a stream and
// not in the store is brought there first when its source can give it again (layers-again.ts: a registry,
// a daemon); otherwise that is a typed error.
import { readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LayerscopeError } from '../../core/errors.js';
import type { ContentReader } from '../../core/content.js';
import type { ImageModel, Layer } from '../../core/model.js';
import type { PathId } from '../../core/path-table.js';
import type { LayerStore } from '../store/layer-store.js';
import type { StoredLayer } from '../store/stored-layer.js';
import { StoreFileDamaged } from '../store/store-errors.js';
import { fileBlob, readTarRange } from './compressed-range.js';
import { TarCursors, type BlobRead } from './tar-cursors.js';
import { LayersAgain, type AgainSources } from './layers-again.js';
import { fileData, type ShowName } from './file-version.js';

export interface ContentReaderOptions extends AgainSources {
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

/**
 * A blocking read below SYNC_BELOW bytes: through libuv's threads each read is a hand-off that costs more
 * than the read of a small file from the page cache (extract of /usr's 5.7k files).
 */
const SYNC_BELOW = 256 << 10;

async function readPlain(handle: FileHandle, file: string, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const bytesRead =
      length < SYNC_BELOW
        ? readSync(handle.fd, buf, got, length - got, offset + got)
        : (await handle.read(buf, got, length - got, offset + got)).bytesRead;
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  if (got < length)
    throw new LayerscopeError('archive', `${file} is shorter than when it was read`, 'the file changed; read the image again');
  return buf;
}

const notKept = (layer: Layer): LayerscopeError =>
  new LayerscopeError(
    'source',
    `the bytes of layer ${layer.index + 1} were not kept when the image was read`,
    // Not only --no-cache: a layer larger than the cache cap, or a store that cannot be written, is not kept either.
    'cat and extract keep the layers of a daemon, registry or stdin image in the layer store, unless --no-cache, a layer larger than the cap (--cache-max) or a store that cannot be written stops it; or open the explorer with --keep-layers',
  );

/** `pending`, or the signal's reason as soon as it aborts (the shared fetch goes on for other reads). */
function untilAborted<T>(pending: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return pending;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function openContentReader(image: ImageModel, options: ContentReaderOptions = {}): ClosableContentReader {
  const { store } = options;
  const stored = new Map<number, Promise<StoredLayer | undefined>>();
  const warming = new Map<number, { stop: AbortController; done: Promise<void> }>();
  const cursors = new TarCursors();
  // Archive files stay open between reads: an extract of 5.7k files opened and closed the archive for each.
  const handles = new Map<string, Promise<FileHandle>>();
  const handleOf = (file: string): Promise<FileHandle> => {
    let handle = handles.get(file);
    if (!handle) {
      handles.set(file, (handle = open(file, 'r')));
      handle.catch(() => handles.delete(file));
    }
    return handle;
  };
  const storedLayer = (layer: Layer): Promise<StoredLayer | undefined> => {
    if (!store) return Promise.resolve(undefined);
    let found = stored.get(layer.index);
    if (!found) stored.set(layer.index, (found = store.open(layer.diffId)));
    return found;
  };

  const again = store && new LayersAgain(store, options);

  async function layerBytes(layer: Layer, offset: number, length: number, signal?: AbortSignal): Promise<Buffer> {
    const copy = await storedLayer(layer);
    if (copy) {
      try {
        return await copy.read(offset, length);
      } catch (error) {
        stored.delete(layer.index);
        // A damaged copy is gone now; the blob (in a file, or fetched again) still has the bytes.
        if (!(error instanceof StoreFileDamaged) || (!layer.blob && !again?.can(layer))) {
          throw error instanceof StoreFileDamaged
            ? new LayerscopeError('source', `${error.message}; it was removed`, 'read the image again to store the layer anew', {
                cause: error,
              })
            : error;
        }
      }
    }
    const blob = layer.blob;
    if (!blob) {
      if (!again?.can(layer)) throw notKept(layer);
      await untilAborted(again.bring(layer), signal);
      // Looked up before the layer arrived: look again (once, however many reads waited).
      const before = stored.get(layer.index);
      if (before && !(await before) && stored.get(layer.index) === before) stored.delete(layer.index);
      const copy = await storedLayer(layer);
      if (!copy) throw new LayerscopeError('source', `layer ${layer.index + 1} left the layer store as it was read`, 'try again');
      return copy.read(offset, length);
    }
    if (blob.compression === 'tar') return readPlain(await handleOf(blob.file), blob.file, blob.offset + offset, length);
    const read: BlobRead = { source: fileBlob(blob), compression: blob.compression };
    const keep = options.keepDecompressed && store && !warming.has(layer.index);
    if (!keep) return cursors.read(layer.index, read, offset, length, signal);
    const stop = new AbortController();
    const pass = readTarRange(read.source, read.compression, offset, length, { signal: stop.signal, keepTo: await store.writer() });
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
      cursors.close();
      await again?.close();
      const open = [...handles.values()];
      handles.clear();
      await Promise.all(open.map((handle) => handle.then((h) => h.close()).catch(() => undefined)));
      for (const { stop, done } of warming.values()) {
        stop.abort();
        await done;
      }
    },
  };
}
