// The open decompressions of a content reader, one per layer at most, the most recently used few kept:
// each holds a decompressor's buffers (and for zstd a process), and an extract whose files alternate
// between a few layers needs one per layer to avoid starting over.
import { TarCursor, readTarRange, type BlobBytes, type BlobCompression } from './compressed-range.js';

const KEPT = 4;

export interface BlobRead {
  readonly source: BlobBytes;
  readonly compression: BlobCompression;
}

export class TarCursors {
  /** By layer; Map order is use order (a used one is put back at the end). */
  private readonly open = new Map<number, { cursor: TarCursor; busy: boolean }>();

  /**
   * Bytes [offset, offset + length) of layer `layer`'s tar: through its cursor when that is free and not
   * past `offset`, else a new cursor; a second read while the cursor is busy (the explorer reads ahead)
   * makes a pass of its own. A cursor that failed is dropped (the next read starts over).
   */
  async read(layer: number, blob: BlobRead, offset: number, length: number, signal?: AbortSignal): Promise<Buffer> {
    let held = this.open.get(layer);
    if (held?.busy) return readTarRange(blob.source, blob.compression, offset, length, { signal }).bytes;
    if (held && held.cursor.position > offset) {
      held.cursor.close();
      held = undefined;
    }
    this.open.delete(layer);
    held ??= { cursor: new TarCursor(blob.source, blob.compression), busy: false };
    this.open.set(layer, held);
    this.evict();
    held.busy = true;
    try {
      return await held.cursor.read(offset, length, signal);
    } catch (error) {
      held.cursor.close();
      if (this.open.get(layer) === held) this.open.delete(layer);
      throw error;
    } finally {
      held.busy = false;
    }
  }

  private evict(): void {
    for (const [layer, held] of this.open) {
      if (this.open.size <= KEPT) break;
      if (held.busy) continue;
      held.cursor.close();
      this.open.delete(layer);
    }
  }

  close(): void {
    for (const held of this.open.values()) held.cursor.close();
    this.open.clear();
  }
}
