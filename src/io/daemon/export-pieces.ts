// The export's body gathered into 1 MiB pieces for the tar reader (it pays per chunk; a socket reads
// up to ~200 KiB at a time). With `reuse`, the pieces come from a ring of buffers: a fresh 1 MiB buffer
// per MiB is a page fault per 4 KiB of it (~14 µs each on these VMs), and the garbage collector frees
// them only in batches, so the allocator kept mapping new ones: 11.9k of the 23k page faults of a read
// of debian-apt's 243 MB export were first touches of fresh pieces.
//
// The reader's side of the contract (what the archive reader does, and a layer store must not): while
// it reads a piece, the READER_KEEPS pieces before it stay as they were, and no older one. The archive
// reader holds the piece it reads and, for a member's first bytes (peek.ts), views into the one before;
// the second is margin. The stream reads one piece ahead (highWaterMark 1: when the reader takes piece
// k, piece k + 1 is handed out), so a buffer is written again once LAG later pieces have been.
import { Readable } from 'node:stream';

/** Pieces before the one being read that stay intact. */
export const READER_KEEPS = 2;
/** A piece's buffer is written again once this many later pieces have been handed out. */
export const LAG = READER_KEEPS + 2;
/** Pieces filled and waiting for the reader before the socket stops being read. */
export const MAX_WAITING = 2;
/** Enough buffers that the one to fill next is free whenever the socket is being read. */
const RING = LAG + MAX_WAITING + 1;

/**
 * The pieces as a stream (object mode, one piece read ahead: highWaterMark 1, as the count above needs).
 * Destroying it (the reader gave up) calls `onStop`, so the connection closes at once.
 */
export class ExportPieces extends Readable {
  private readonly ring: Buffer[] = [];
  /** Which piece last used each ring buffer. */
  private readonly usedBy: number[] = [];
  private piece: Buffer | undefined;
  private filled = 0;
  private begun = 0;
  private handedOut = 0;
  private readonly waiting: Buffer[] = [];
  private wanted = false;
  private finished = false;
  /** Whether the reader has asked for a piece (so it listens for the stream's errors). */
  private reading = false;
  private failure: Error | undefined;
  /** Buffers made outside the ring because the next one was still being read (for tests). */
  overflows = 0;

  /** `onRoom`: the reader took a piece and the socket may be read again (after `behind` was true). */
  constructor(
    private readonly pieceBytes: number,
    private readonly reuse: boolean,
    private readonly onRoom: () => void,
    private readonly onStop: () => void = () => undefined,
  ) {
    super({ objectMode: true, highWaterMark: 1 });
  }

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

  /** The body ended: the last, partial piece goes out, then the stream ends. */
  finish(): void {
    this.ship();
    this.finished = true;
    this.deliver();
  }

  /**
   * Fails the stream, but not before its reader reads: the stream is handed out as soon as the answer's
   * head arrives, and a bad body in the same socket read would fail it before the reader had a listener
   * on it (an uncaught error).
   */
  fail(error: Error): void {
    if (this.reading) this.destroy(error);
    else this.failure = error;
  }

  override _read(): void {
    this.reading = true;
    if (this.failure) {
      this.destroy(this.failure);
      return;
    }
    this.wanted = true;
    this.deliver();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.onStop();
    callback(error);
  }

  private deliver(): void {
    while (this.wanted && this.waiting.length > 0) {
      const piece = this.waiting.shift()!;
      this.handedOut++;
      if (this.waiting.length === MAX_WAITING - 1) this.onRoom();
      this.wanted = this.push(piece);
    }
    if (this.finished && this.waiting.length === 0 && !this.readableEnded) this.push(null);
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
    this.deliver();
  }
}
