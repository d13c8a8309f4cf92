// One stored layer tar, read by range: every block a read touches is checked against the index, and a
// copy that fails is deleted (the store is a cache) and reported, never returned.
import { open } from 'node:fs/promises';
import { hex, type ContentHashing } from '../archive/content-hash.js';
import { StoreFileDamaged } from './store-errors.js';
import { BLOCK_BYTES, type StoreFiles, type StoreIndex } from './store-format.js';

/** A stored layer tar, read by range; every block a read touches is checked against the index. */
export class StoredLayer {
  constructor(
    private readonly store: StoreFiles,
    readonly index: StoreIndex,
    private readonly hashing: ContentHashing,
  ) {}

  get bytes(): number {
    return this.index.bytes;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(offset + length, this.index.bytes);
    if (end <= offset) return Buffer.alloc(0);
    const first = Math.floor(offset / BLOCK_BYTES);
    const last = Math.floor((end - 1) / BLOCK_BYTES);
    const from = first * BLOCK_BYTES;
    const to = Math.min((last + 1) * BLOCK_BYTES, this.index.bytes);
    const buf = Buffer.allocUnsafe(to - from);
    const file = await open(this.store.dataPath(this.index.diffId), 'r');
    try {
      const { bytesRead } = await file.read(buf, 0, buf.length, from);
      if (bytesRead !== buf.length) await this.damaged('shorter than its index says');
    } finally {
      await file.close();
    }
    for (let b = first; b <= last; b++) {
      const at = (b - first) * BLOCK_BYTES;
      const block = buf.subarray(at, Math.min(at + BLOCK_BYTES, buf.length));
      if (hex(this.hashing.once(block)) !== this.index.blocks[b]) await this.damaged(`block ${b} does not match its hash`);
    }
    return buf.subarray(offset - from, end - from);
  }

  private async damaged(detail: string): Promise<never> {
    await this.store.remove(this.index.diffId);
    throw new StoreFileDamaged(this.index.diffId, detail);
  }
}
