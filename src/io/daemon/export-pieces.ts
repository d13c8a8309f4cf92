// The export's body gathered into 1 MiB pieces for the tar reader (it pays per chunk; a socket reads
// up to ~200 KiB at a time). With `reuse`, the pieces come from a ring of buffers: a fresh 1 MiB buffer
// per MiB is a page fault per 4 KiB of it (~14 µs each on these VMs), and the garbage collector frees
// them only in batches, so the allocator kept mapping new ones: 11.9k of the 23k page faults of a read
// of debian-apt's 243 MB export were first touches of fresh pieces.
//
// The reader's side of the contract (what the archive reader does, and a layer store must not): a piece
// may be read until LAG later pieces have been handed out. The reader holds the piece it is reading and,
// for a member's first bytes (peek.ts), views into the one before; the stream between (Readable.from,
// highWaterMark 1) holds one more. LAG leaves one piece of margin over that.

/** A piece's buffer is written again once this many later pieces have been handed out. */
export const LAG = 4;
/** Pieces filled and waiting for the reader before the socket stops being read. */
export const MAX_WAITING = 2;
/** Enough buffers that the one to fill next is free whenever the socket is being read. */
const RING = LAG + MAX_WAITING + 1;

export class ExportPieces implements AsyncIterable<Buffer> {
  private readonly ring: Buffer[] = [];
  /** Which piece last used each ring buffer. */
  private readonly usedBy: number[] = [];
  private piece: Buffer | undefined;
  private filled = 0;
  private begun = 0;
  private handedOut = 0;
  private readonly waiting: Buffer[] = [];
  private finished = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  /** Buffers made outside the ring because the next one was still being read (for tests). */
  overflows = 0;

  /** `onRoom`: the reader took a piece and the socket may be read again (after `behind` was true). */
  constructor(
    private readonly pieceBytes: number,
    private readonly reuse: boolean,
    private readonly onRoom: () => void,
  ) {}

  /** Whether enough pieces wait for the reader: stop reading the socket until onRoom. */
  get behind(): boolean {
    return this.waiting.length >= MAX_WAITING;
  }

  /** Copies body bytes in (the caller's buffer is free again when this returns). */
  add(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length;) {
      this.piece ??= this.nextBuffer();
      const n = Math.min(this.piece.length - this.filled, bytes.length - at);
      this.piece.set(bytes.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === this.piece.length) this.ship();
    }
  }

  /** The body ended: the last, partial piece goes out, then the iteration ends. */
  finish(): void {
    this.ship();
    this.finished = true;
    this.wake?.();
  }

  /** The body broke off: the iteration throws once the pieces before have been read. */
  fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      const next = this.waiting.shift();
      if (next) {
        this.handedOut++;
        if (this.waiting.length === MAX_WAITING - 1) this.onRoom();
        yield next;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.finished) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }

  private nextBuffer(): Buffer {
    const index = this.begun++;
    if (!this.reuse) return Buffer.allocUnsafeSlow(this.pieceBytes);
    const slot = index % RING;
    const last = this.usedBy[slot];
    if (last !== undefined && this.handedOut < last + 1 + LAG) {
      // Only when more pieces wait than MAX_WAITING (a read finishing after the socket was asked to stop).
      this.overflows++;
      return Buffer.allocUnsafeSlow(this.pieceBytes);
    }
    this.usedBy[slot] = index;
    return (this.ring[slot] ??= Buffer.allocUnsafeSlow(this.pieceBytes));
  }

  private ship(): void {
    if (!this.piece || this.filled === 0) return;
    this.waiting.push(this.filled === this.piece.length ? this.piece : this.piece.subarray(0, this.filled));
    this.piece = undefined;
    this.filled = 0;
    this.wake?.();
  }
}
