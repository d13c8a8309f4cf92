// The layer store: uncompressed layer tars, content-addressed by diff id, so that a file of an image read
// from a stream (the daemon, podman, stdin) or a compressed layer can be read again with a seek.
// Layout under `root`: layers/sha256/<hex> (the tar) and <hex>.idx (its size and one xxh64 per 1 MiB
// block). Both are written under temporary names and renamed (atomic; two processes writing the same
// layer write the same bytes). A file whose size disagrees with its index, or a block whose hash does
// not match when read, is never trusted: it is deleted and reported. Last use is the data file's mtime.
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { contentHashing, type ContentHashing } from '../archive/content-hash.js';
import { BLOCK_BYTES, type StoreIndex } from './store-format.js';
import { StoredLayer } from './stored-layer.js';
import { StoreFileDamaged } from './store-errors.js';
import { LayerWriter } from './layer-writer.js';
import { makeDirs } from '../file/make-dirs.js';
import { LayerscopeError } from '../../core/errors.js';

const DIGEST = /^sha256:([0-9a-f]{64})$/;

export interface StoredLayerInfo {
  readonly diffId: string;
  /** The layer's tar, or its parsed entries (parsed-cache.ts). */
  readonly kind: 'tar' | 'entries';
  readonly bytes: number;
  readonly lastUsed: Date;
}

export class LayerStore {
  private hashing: Promise<ContentHashing> | undefined;
  /** What the store held at this process's last listing, plus what it has written since. */
  private held: number | undefined;
  private listing: Promise<unknown> | undefined;

  /** `maxBytes`: the cap; the least recently used layers go when a write passes it. */
  constructor(
    readonly root: string,
    readonly maxBytes: number,
  ) {}

  get layersDir(): string {
    return join(this.root, 'layers', 'sha256');
  }
  get tmpDir(): string {
    return join(this.root, 'tmp');
  }

  dataPath(diffId: string): string {
    const m = DIGEST.exec(diffId);
    if (!m) throw new Error(`not a sha256 diff id: ${diffId}`);
    return join(this.layersDir, m[1]!);
  }

  hashes(): Promise<ContentHashing> {
    return (this.hashing ??= contentHashing());
  }

  /** A writer for one layer tar; its diff id is what the bytes hash to. */
  async writer(): Promise<LayerWriter> {
    try {
      await makeDirs(this.tmpDir);
      await makeDirs(this.layersDir);
    } catch (error) {
      // Not the image's fault: say which directory, not "cannot read the archive".
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'its file system is read-only' : code;
      throw new LayerscopeError(
        'store',
        `cannot write the layer store at ${this.root}: ${why ?? String(error)}`,
        code === 'EROFS'
          ? 'layers read from a stream are kept there to read their files: set XDG_CACHE_HOME to a directory on a writable file system, or read the image from an archive file (docker save -o FILE)'
          : 'layers read from a stream are kept there to read their files: make it writable, or set XDG_CACHE_HOME to a directory that is',
        { cause: error },
      );
    }
    return new LayerWriter(this, await this.hashes());
  }

  /** True when a complete-looking copy (size as indexed) is stored. */
  async has(diffId: string): Promise<boolean> {
    return (await this.index(diffId).catch(() => undefined)) !== undefined;
  }

  /**
   * The stored layer, checked against its index (size) and touched for LRU; undefined when absent.
   * A copy whose size or index is wrong is deleted and undefined returned.
   */
  async open(diffId: string): Promise<StoredLayer | undefined> {
    let index: StoreIndex | undefined;
    try {
      index = await this.index(diffId);
    } catch (error) {
      if (!(error instanceof StoreFileDamaged)) throw error;
      await this.remove(diffId);
      return undefined;
    }
    if (!index) return undefined;
    const now = new Date();
    await utimes(this.dataPath(diffId), now, now).catch(() => undefined);
    return new StoredLayer(this, index, await this.hashes());
  }

  private async index(diffId: string): Promise<StoreIndex | undefined> {
    const data = this.dataPath(diffId);
    const size = await stat(data).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return undefined;
    let index: StoreIndex;
    try {
      index = JSON.parse(await readFile(`${data}.idx`, 'utf8')) as StoreIndex;
    } catch {
      throw new StoreFileDamaged(diffId, 'its index is missing or unreadable');
    }
    if (
      index.version !== 1 ||
      index.diffId !== diffId ||
      index.blockBytes !== BLOCK_BYTES ||
      index.blocks.length !== Math.ceil(index.bytes / BLOCK_BYTES)
    ) {
      throw new StoreFileDamaged(diffId, 'its index does not describe it');
    }
    if (index.bytes !== size) throw new StoreFileDamaged(diffId, `${size} bytes instead of ${index.bytes}: truncated`);
    return index;
  }

  async remove(diffId: string): Promise<void> {
    const data = this.dataPath(diffId);
    await rm(data, { force: true });
    await rm(`${data}.idx`, { force: true });
  }

  get entriesDir(): string {
    return join(this.root, 'entries', 'sha256');
  }

  /** Every stored layer tar and parsed layer, least recently used first (both count against the cap). */
  async list(): Promise<StoredLayerInfo[]> {
    const found: StoredLayerInfo[] = [];
    for (const [kind, dir] of [
      ['tar', this.layersDir],
      ['entries', this.entriesDir],
    ] as const) {
      const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /^[0-9a-f]{64}$/.test(name));
      // All at once: one after another, a store of 1000 files took 1000 round trips to the thread pool.
      const infos = await Promise.all(names.map((name) => stat(join(dir, name)).catch(() => undefined)));
      names.forEach((name, i) => {
        const info = infos[i];
        if (info) found.push({ diffId: `sha256:${name}`, kind, bytes: info.size, lastUsed: info.mtime });
      });
    }
    return found.sort((a, b) => a.lastUsed.getTime() - b.lastUsed.getTime());
  }

  /**
   * Holds the store to its cap after this process wrote `bytes` more: lists it (and prunes) only when
   * what it last listed, plus what it wrote since, passes the cap. Listing after every write had a first
   * read of an image with N layers stat every file of the store N times: with 1000 parses stored, the
   * tiny image's first `--json` took 0.37 s, and 0.22 s since (20 alternating pairs). What other processes
   * write meanwhile is seen at the next listing (the cap was never exact under them: two writers prune at once).
   */
  async written(bytes: number): Promise<void> {
    if (this.listing) await this.listing.catch(() => undefined); // the first write's listing, still going
    if (this.held !== undefined && this.held + bytes <= this.maxBytes) {
      this.held += bytes;
      return;
    }
    this.listing = this.prune(this.maxBytes);
    await this.listing;
  }

  /** Deletes least recently used layers until the store holds at most `maxBytes`; returns what went. */
  async prune(maxBytes: number): Promise<StoredLayerInfo[]> {
    const layers = await this.list();
    let total = layers.reduce((sum, l) => sum + l.bytes, 0);
    const removed: StoredLayerInfo[] = [];
    for (const layer of layers) {
      if (total <= maxBytes) break;
      if (layer.kind === 'tar') await this.remove(layer.diffId);
      else await rm(join(this.entriesDir, layer.diffId.slice('sha256:'.length)), { force: true });
      total -= layer.bytes;
      removed.push(layer);
    }
    this.held = total;
    // Temporary files of writers that died (a crash, a kill) are left behind: clear those over a day old
    // (a younger one may be another process writing right now).
    const stale = Date.now() - 24 * 3600 * 1000;
    for (const name of await readdir(this.tmpDir).catch(() => [] as string[])) {
      const path = join(this.tmpDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < stale) await rm(path, { force: true });
    }
    return removed;
  }
}
