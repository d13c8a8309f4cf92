// The viewer's window onto one file version: fixed-size chunks read on demand through the
// ContentReader, a few kept (least recently used first out), so paging a 1 GB file holds at most
// CACHED_CHUNKS × CHUNK_BYTES of it in memory, and scrolling back and forth re-reads nothing.

export const CHUNK_BYTES = 64 * 1024;
export const CACHED_CHUNKS = 8;

export type RangeRead = (start: number, length: number) => Promise<Uint8Array>;

export class ChunkCache {
  private readonly chunks = new Map<number, Promise<Uint8Array>>();

  constructor(private readonly read: RangeRead, readonly size: number) {}

  private chunk(index: number): Promise<Uint8Array> {
    const known = this.chunks.get(index);
    if (known) {
      // Most recently used goes last.
      this.chunks.delete(index);
      this.chunks.set(index, known);
      return known;
    }
    const start = index * CHUNK_BYTES;
    const pending = this.read(start, Math.min(CHUNK_BYTES, this.size - start));
    // A failed read is not remembered: the next look may succeed.
    pending.catch(() => this.chunks.delete(index));
    this.chunks.set(index, pending);
    while (this.chunks.size > CACHED_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!);
    return pending;
  }

  /** Bytes [start, end) of the file, end clamped to its size; at most two chunks' worth at a time. */
  async bytes(start: number, end: number): Promise<Uint8Array> {
    const stop = Math.min(end, this.size);
    if (stop <= start) return new Uint8Array(0);
    const first = Math.floor(start / CHUNK_BYTES);
    const last = Math.floor((stop - 1) / CHUNK_BYTES);
    if (first === last) return (await this.chunk(first)).subarray(start - first * CHUNK_BYTES, stop - first * CHUNK_BYTES);
    const out = new Uint8Array(stop - start);
    let at = 0;
    for (let index = first; index <= last; index++) {
      const data = await this.chunk(index);
      const from = index === first ? start - first * CHUNK_BYTES : 0;
      const to = index === last ? stop - last * CHUNK_BYTES : CHUNK_BYTES;
      const part = data.subarray(from, to);
      out.set(part, at);
      at += part.length;
      // A short chunk is the end of what the reader has, whatever the size said.
      if (part.length < to - from) return out.subarray(0, at);
    }
    return out;
  }
}
