// The pure-JS zstd decoder (fzstd) does not check a frame's content checksum, so a damaged layer would
// read as good data there while the zstd program rejects it. This walks the frame structure of the
// compressed stream (RFC 8878 §3.1: frame header, block headers, the 4-byte checksum), hands each frame to
// its own decoder and compares the low 32 bits of XXH64 of the frame's output with the stored checksum.
// Skippable frames are skipped, as the format says.

/** Where the walker is inside the compressed stream. */
type State =
  | { at: 'magic' }
  | { at: 'frame-header' }
  | { at: 'block-header' }
  | { at: 'block'; left: number; last: boolean }
  | { at: 'checksum' }
  | { at: 'skippable-size' }
  | { at: 'skip'; left: number };

export interface FrameEvents {
  /** Compressed bytes that belong to the current (zstd) frame. */
  frameBytes(bytes: Uint8Array): void;
  /** The current frame ended; `checksum` is its stored checksum, when it has one. */
  frameEnd(checksum: number | undefined): void;
}

export class ZstdFrameWalker {
  private state: State = { at: 'magic' };
  /** Bytes of a fixed-size field gathered across pushes. */
  private field: number[] = [];
  private hasChecksum = false;

  constructor(private readonly events: FrameEvents) {}

  /** Whether the stream stopped at a frame boundary. */
  get atBoundary(): boolean {
    return this.state.at === 'magic' && this.field.length === 0;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      const s = this.state;
      if (s.at === 'block' || s.at === 'skip') {
        const n = Math.min(s.left, chunk.length - at);
        if (s.at === 'block') this.events.frameBytes(chunk.subarray(at, at + n));
        s.left -= n;
        at += n;
        if (s.left === 0) this.afterData(s);
        continue;
      }
      const start = at;
      // wanted() is asked again after each byte: a frame header's length is known from its first byte.
      while (at < chunk.length && this.field.length < this.wanted()) this.field.push(chunk[at++]!);
      // Header and checksum bytes belong to the frame (the decoder reads them); a magic number waits until
      // it says whether a frame or a skippable frame follows.
      if (s.at !== 'skippable-size' && s.at !== 'magic') this.events.frameBytes(chunk.subarray(start, at));
      if (this.field.length === this.wanted()) this.onField();
    }
  }

  /** Bytes the current fixed-size field needs (the frame header's length depends on its first byte). */
  private wanted(): number {
    switch (this.state.at) {
      case 'magic':
      case 'checksum':
      case 'skippable-size':
        return 4;
      case 'block-header':
        return 3;
      default: {
        if (this.field.length === 0) return 1;
        const d = this.field[0]!;
        const single = (d >> 5) & 1;
        const fcs = [single, 2, 4, 8][d >> 6]!;
        return 1 + (single ? 0 : 1) + [0, 1, 2, 4][d & 3]! + fcs;
      }
    }
  }

  private onField(): void {
    const f = this.field;
    const u32 = (f[0]! | (f[1]! << 8) | (f[2]! << 16) | (f[3]! << 24)) >>> 0;
    this.field = [];
    switch (this.state.at) {
      case 'magic':
        if (u32 === 0xfd2fb528) {
          this.events.frameBytes(Uint8Array.from(f));
          this.state = { at: 'frame-header' };
        } else if ((u32 & 0xfffffff0) === 0x184d2a50) this.state = { at: 'skippable-size' };
        else throw new Error('invalid zstd data');
        return;
      case 'skippable-size':
        this.state = u32 === 0 ? { at: 'magic' } : { at: 'skip', left: u32 };
        return;
      case 'frame-header':
        this.hasChecksum = ((f[0]! >> 2) & 1) === 1;
        this.state = { at: 'block-header' };
        return;
      case 'block-header': {
        const header = f[0]! | (f[1]! << 8) | (f[2]! << 16);
        const type = (header >> 1) & 3;
        const size = header >>> 3;
        const last = (header & 1) === 1;
        if (type === 3) throw new Error('invalid zstd data');
        const left = type === 1 ? 1 : size;
        if (left > 0) this.state = { at: 'block', left, last };
        else this.afterData({ at: 'block', left: 0, last });
        return;
      }
      case 'checksum':
        this.state = { at: 'magic' };
        this.events.frameEnd(u32);
        return;
    }
  }

  private afterData(s: State): void {
    if (s.at === 'skip') this.state = { at: 'magic' };
    else if (s.at === 'block' && !s.last) this.state = { at: 'block-header' };
    else if (this.hasChecksum) this.state = { at: 'checksum' };
    else {
      this.state = { at: 'magic' };
      this.events.frameEnd(undefined);
    }
  }
}
