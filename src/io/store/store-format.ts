// The layer store's on-disk index format, shared by the writer, the store and stored-layer reads.

/** Each block of a stored tar has its own hash, so a read checks only the blocks it touches. */
export const BLOCK_BYTES = 1 << 20;

/** `<hex>.idx` beside each stored tar (JSON). */
export interface StoreIndex {
  readonly version: 1;
  readonly diffId: string;
  readonly bytes: number;
  readonly blockBytes: number;
  /** xxh64 (hex) of each block of the tar. */
  readonly blocks: readonly string[];
}

/**
 * What a stored layer and a layer being written need of the store (the store itself satisfies it):
 * named here so that neither imports the store that makes them.
 */
export interface StoreFiles {
  readonly tmpDir: string;
  readonly maxBytes: number;
  dataPath(diffId: string): string;
  remove(diffId: string): Promise<void>;
  /** Holds the store to its cap after `bytes` more were written. */
  written(bytes: number): Promise<void>;
}
