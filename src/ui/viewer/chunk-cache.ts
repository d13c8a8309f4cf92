// The viewer's window onto one file version: fixed-size chunks read on demand through the
// ContentReader, a few kept (least recently used first out), so paging a 1 GB file holds at most
// CACHED_CHUNKS × CHUNK_BYTES of it in memory, and scrolling back and forth re-reads nothing.

export const CHUNK_BYTES = 64 * 1024;
export const CACHED_CHUNKS = 8;

export type RangeRead = (start: number, length: number) => Promise<Uint8Array>;

interface Entry {
  readonly pending: Promise<Uint8Array>;
  value?: Uint8Array;
}

export class ChunkCache {
  private readonly chunks = new Map<number, Entry>();

  /** `signal`: the viewer closed; a walk through the file stops at its next window. */
  constructor(
    private readonly read: RangeRead,
    readonly size: number,
    private readonly signal?: AbortSignal,
  ) {}

  get closed(): boolean {
    return this.signal?.aborted ?? false;
  }

  private entry(index: number): Entry {
    const known = this.chunks.get(index);
    if (known) {
      // Most recently used goes last.
      this.chunks.delete(index);
      this.chunks.set(index, known);
      return known;
    }
    const start = index * CHUNK_BYTES;
    const entry: Entry = { pending: this.read(start, Math.min(CHUNK_BYTES, this.size - start)) };
    // A failed read is not remembered: the next look may succeed.
    entry.pending.then(
      (value) => {
        entry.value = value;
      },
      () => this.chunks.delete(index),
    );
    this.chunks.set(index, entry);
    while (this.chunks.size > CACHED_CHUNKS) this.chunks.delete(this.chunks.keys().next().value!);
    return entry;
  }

  /** Bytes [start, end) of the file, end clamped to its size; at most two chunks' worth at a time. */
  async bytes(start: number, end: number): Promise<Uint8Array> {
    return this.assemble(start, end, (index) => this.entry(index).pending) as Promise<Uint8Array>;
  }

  /** The same bytes without waiting, when every chunk they need has arrived (undefined otherwise). */
  peek(start: number, end: number): Uint8Array | undefined {
    let missing = false;
    const out = this.assemble(start, end, (index) => {
      const value = this.chunks.has(index) ? this.entry(index).value : undefined;
      if (!value) missing = true;
      return value ?? new Uint8Array(0);
    });
    return missing ? undefined : (out as Uint8Array);
  }

  /** Joins chunk pieces; `get` is sync (peek) or async (bytes), so one routine serves both. */
  private assemble(start: number, end: number, get: (index: number) => Uint8Array | Promise<Uint8Array>): Uint8Array | Promise<Uint8Array> {
    const stop = Math.min(end, this.size);
    if (stop <= start) return new Uint8Array(0);
    const first = Math.floor(start / CHUNK_BYTES);
    const last = Math.floor((stop - 1) / CHUNK_BYTES);
    const parts = [];
    for (let index = first; index <= last; index++) parts.push(get(index));
    const join = (chunks: Uint8Array[]): Uint8Array => {
      if (first === last) return chunks[0]!.subarray(start - first * CHUNK_BYTES, stop - first * CHUNK_BYTES);
      const out = new Uint8Array(stop - start);
      let at = 0;
      for (let i = 0; i < chunks.length; i++) {
        const from = i === 0 ? start - first * CHUNK_BYTES : 0;
        const to = first + i === last ? stop - last * CHUNK_BYTES : CHUNK_BYTES;
        const part = chunks[i]!.subarray(from, to);
        out.set(part, at);
        at += part.length;
        // A short chunk is the end of what the reader has, whatever the size said.
        if (part.length < to - from) return out.subarray(0, at);
      }
      return out;
    };
    return parts.some((p) => p instanceof Promise) ? Promise.all(parts).then(join) : join(parts as Uint8Array[]);
  }
}
