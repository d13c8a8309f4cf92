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
