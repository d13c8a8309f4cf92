// Layers that lie in no file, brought into the layer store when a file of theirs is first read (the
// explorer keeps nothing as it reads, to keep its speed): a registry layer's blob fetched again by its
// digest, or a daemon's image exported again (its layers come all at once). Bytes are then read only
// from the store, whose copies are named by the sha256 of what arrived: a registry blob is checked
// against its digest at its end and a layer kept only if it hashes to the config's diff_id, so no
// unchecked byte is handed out.
import { LayerscopeError } from '../../core/errors.js';
import type { Layer } from '../../core/model.js';
import type { BlobSource } from '../read-options.js';
import type { LayerStore } from '../store/layer-store.js';
import type { LayerSink } from '../store/layer-writer.js';
import { keepTar } from './compressed-range.js';

export interface AgainSources {
  /** Where a layer blob can be fetched again (a registry), by its digest. */
  readonly blobSource?: (digest: string) => BlobSource | undefined;
  /** Reads the image again, every layer it has into the store (a daemon's export, by image id). */
  readonly readAgain?: (signal: AbortSignal) => Promise<void>;
}

const tooBig = 'if it is larger than the cache, raise LAYERSCOPE_CACHE_MAX (or --cache-max)';

export class LayersAgain {
  private readonly fetches = new Map<number, Promise<void>>();
  private whole: Promise<void> | undefined;
  private readonly stop = new AbortController();

  constructor(
    private readonly store: LayerStore,
    private readonly sources: AgainSources,
  ) {}

  private blobOf(layer: Layer): BlobSource | undefined {
    return layer.digest ? this.sources.blobSource?.(layer.digest) : undefined;
  }

  can(layer: Layer): boolean {
    return this.blobOf(layer) !== undefined || this.sources.readAgain !== undefined;
  }

  /** Puts the layer's tar in the store, or fails saying why it is not there; one pass however many wait. */
  bring(layer: Layer): Promise<void> {
    const source = this.blobOf(layer);
    if (source) return this.once(layer, () => this.fetch(layer, source));
    return this.once(layer, async () => {
      if (!this.whole) {
        const pending = this.sources.readAgain!(this.stop.signal);
        this.whole = pending;
        pending.catch(() => (this.whole = undefined));
      }
      await this.whole;
      if (!(await this.store.has(layer.diffId)))
        throw new LayerscopeError('source', `layer ${layer.index + 1} was not kept when the image was read again`, tooBig);
    });
  }

  private once(layer: Layer, run: () => Promise<void>): Promise<void> {
    let pending = this.fetches.get(layer.index);
    if (pending) return pending;
    pending = run();
    this.fetches.set(layer.index, pending);
    const forget = (): void => void this.fetches.delete(layer.index);
    pending.then(forget, forget);
    return pending;
  }

  private async fetch(layer: Layer, source: BlobSource): Promise<void> {
    const name = `layer ${layer.index + 1} (${layer.digest})`;
    const writer = await this.store.writer();
    // Kept only under the diff_id the config names: other bytes are dropped, never stored.
    const keepTo: LayerSink = { write: (c) => writer.write(c), end: () => writer.end(layer.diffId), abort: () => writer.abort() };
    await keepTar((s) => source.fetch(layer.digest!, s), { sniff: name }, keepTo, this.stop.signal);
    if (!(await this.store.has(layer.diffId)))
      throw new LayerscopeError(
        'source',
        `${name}, fetched again, was not kept: its bytes do not hash to the config's diff_id ${layer.diffId}, or it is larger than the cache limit`,
        `read the image again; ${tooBig}`,
      );
  }

  /** Stops what is under way (a temporary file is removed) and waits for it. */
  async close(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled([...this.fetches.values(), this.whole]);
  }
}
