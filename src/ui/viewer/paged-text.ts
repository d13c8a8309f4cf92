// A text file of any size, paged: lines are found as the file is read, window by window, and only a
// sparse index is kept (where every CHECKPOINT-th line starts), never the file. A line longer than
// MAX_LINE_BYTES is cut into several display lines (at a UTF-8 character boundary) so that a 50 MB
// one-line file still pages in small reads; its continuations carry no line number.
import { displayText } from '../../presentation/content-lines.js';
import { CHUNK_BYTES, type ChunkCache } from './chunk-cache.js';
import type { ViewDocument, ViewLine } from './documents.js';
import { asciiLower, containsIgnoringAsciiCase } from './byte-search.js';

export const MAX_LINE_BYTES = 4096;
const CHECKPOINT = 128;

interface Cursor {
  offset: number;
  line: number;
  cont: boolean;
}

interface Segment {
  readonly bytes: Uint8Array;
  readonly line: number;
  readonly cont: boolean;
}

/** End (exclusive, in `buf`) of the display line starting at `at`, or undefined when `buf` ends too soon to tell. */
function segmentEnd(buf: Uint8Array, at: number, eof: boolean): { end: number; newline: boolean } | undefined {
  const limit = at + MAX_LINE_BYTES;
  const newline = buf.indexOf(0x0a, at);
  if (newline !== -1 && newline < limit) return { end: newline + 1, newline: true };
  if (limit >= buf.length) return eof && at < buf.length ? { end: buf.length, newline: false } : undefined;
  let cut = limit;
  // Back off over UTF-8 continuation bytes (10xxxxxx) so a character is not split between lines.
  while (cut > limit - 3 && (buf[cut]! & 0xc0) === 0x80) cut--;
  return { end: cut, newline: false };
}

const viewLine = (seg: Segment): ViewLine => ({
  text: displayText(seg.bytes),
  ...(seg.cont ? { continues: seg.line } : { number: seg.line }),
});

export class PagedText implements ViewDocument {
  readonly kind = 'text';
  /** Checkpoint c: where display line c × CHECKPOINT starts. */
  private readonly checkpoints: Cursor[] = [{ offset: 0, line: 1, cont: false }];
  /** Display lines indexed so far, and where the next one starts. */
  private indexed = 0;
  private frontier: Cursor = { offset: 0, line: 1, cont: false };
  private done: boolean;
  private lastLine = 0;

  constructor(private readonly cache: ChunkCache) {
    this.done = cache.size === 0;
  }

  lineCount(): number {
    return this.indexed;
  }
  fileLineCount(): number {
    return this.lastLine;
  }
  complete(): boolean {
    return this.done;
  }
  numberWidth(): number {
    return Math.max(4, String(this.done ? this.lastLine : this.frontier.line + 1).length);
  }

  /**
   * Visits the display lines of `buf` (file bytes from `at.offset`), advancing `at`, extending the
   * index when it passes the frontier. True when `visit` asked to stop.
   */
  private scan(
    buf: Uint8Array,
    at: Cursor & { index: number },
    eof: boolean,
    visit: (segment: Segment, index: number) => boolean,
  ): boolean {
    let rel = 0;
    for (;;) {
      const seg = segmentEnd(buf, rel, eof);
      if (!seg) break;
      const segment = { bytes: buf.subarray(rel, seg.end), line: at.line, cont: at.cont };
      rel = seg.end;
      if (seg.newline) {
        at.line++;
        at.cont = false;
      } else at.cont = true;
      if (at.index === this.indexed) this.extend({ offset: at.offset + rel, line: at.line, cont: at.cont });
      if (!visit(segment, at.index++)) return true;
    }
    at.offset += rel;
    return false;
  }

  /** The window at `offset` and whether it ends the file (a short answer ends it too). */
  private window(offset: number, buf: Uint8Array): boolean {
    return offset + buf.length >= this.cache.size || buf.length < Math.min(CHUNK_BYTES, this.cache.size - offset);
  }

  /** Visits display lines from `from` (line index `index`) while `visit` returns true, two chunks at a time. */
  private async walk(from: Cursor, index: number, visit: (segment: Segment, index: number) => boolean): Promise<void> {
    const at = { ...from, index };
    while (at.offset < this.cache.size) {
      if (this.cache.closed) throw new Error('the viewer was closed');
      const buf = await this.cache.bytes(at.offset, at.offset + CHUNK_BYTES);
      if (buf.length === 0) break;
      if (this.scan(buf, at, this.window(at.offset, buf), visit)) return;
    }
    if (at.index >= this.indexed) this.done = true;
  }

  /** walk() over what the cache already holds; false when it would have had to wait for a read. */
  private walkCached(from: Cursor, index: number, visit: (segment: Segment, index: number) => boolean): boolean {
    const at = { ...from, index };
    while (at.offset < this.cache.size) {
      const buf = this.cache.peek(at.offset, at.offset + CHUNK_BYTES);
      if (!buf) return false;
      if (buf.length === 0) break;
      if (this.scan(buf, at, this.window(at.offset, buf), visit)) return true;
    }
    return true;
  }

  private extend(next: Cursor): void {
    this.lastLine = next.cont ? next.line : next.line - 1;
    this.indexed++;
    this.frontier = next;
    if (this.indexed % CHECKPOINT === 0) this.checkpoints.push(next);
  }

  async ensure(lines: number): Promise<void> {
    if (this.done || this.indexed >= lines) return;
    await this.walk(this.frontier, this.indexed, (_s, at) => at + 1 < lines);
  }

  async lines(start: number, count: number): Promise<ViewLine[]> {
    await this.ensure(start + count);
    const out: ViewLine[] = [];
    if (start >= this.indexed || count <= 0) return out;
    const c = Math.floor(start / CHECKPOINT);
    await this.walk(this.checkpoints[c]!, c * CHECKPOINT, (seg, at) => {
      if (at >= start) out.push(viewLine(seg));
      return out.length < count;
    });
    return out;
  }

  /** lines() without waiting, when those lines are indexed and their bytes cached (undefined otherwise). */
  linesCached(start: number, count: number): ViewLine[] | undefined {
    if (!this.done && start + count > this.indexed) return undefined;
    const out: ViewLine[] = [];
    if (start >= this.indexed || count <= 0) return out;
    const c = Math.floor(start / CHECKPOINT);
    const complete = this.walkCached(this.checkpoints[c]!, c * CHECKPOINT, (seg, at) => {
      if (at >= start) out.push(viewLine(seg));
      return out.length < count;
    });
    return complete ? out : undefined;
  }

  async search(query: string, from: number, direction: 1 | -1): Promise<number> {
    const needle = new TextEncoder().encode(query).map(asciiLower);
    if (needle.length === 0) return -1;
    if (direction === 1) {
      let found = -1;
      const start = Math.max(0, from);
      await this.ensure(start + 1);
      if (start >= this.indexed) return -1;
      const c = Math.floor(start / CHECKPOINT);
      await this.walk(this.checkpoints[c]!, c * CHECKPOINT, (seg, at) => {
        if (at >= start && containsIgnoringAsciiCase(seg.bytes, needle)) found = at;
        return found === -1;
      });
      return found;
    }
    // Backwards: one checkpoint block at a time, each read forwards and tested last line first.
    const last = Math.min(from, this.indexed - 1);
    for (let c = Math.floor(last / CHECKPOINT); c >= 0 && last >= 0; c--) {
      const hits: number[] = [];
      await this.walk(this.checkpoints[c]!, c * CHECKPOINT, (seg, at) => {
        if (at <= last && containsIgnoringAsciiCase(seg.bytes, needle)) hits.push(at);
        return at + 1 < Math.min(last + 1, (c + 1) * CHECKPOINT);
      });
      if (hits.length > 0) return hits[hits.length - 1]!;
    }
    return -1;
  }
}
