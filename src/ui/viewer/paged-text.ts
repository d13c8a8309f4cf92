// A text file of any size, paged: lines are found as the file is read, window by window, and only a
// sparse index is kept (where every CHECKPOINT-th line starts), never the file. A line longer than
// MAX_LINE_BYTES is cut into several display lines (at a UTF-8 character boundary) so that a 50 MB
// one-line file still pages in small reads; its continuations carry no line number.
import { displayText } from '../../presentation/content-lines.js';
import { CHUNK_BYTES, type ChunkCache } from './chunk-cache.js';
import type { ViewDocument, ViewLine } from './documents.js';

export const MAX_LINE_BYTES = 4096;
const CHECKPOINT = 128;

interface Cursor { offset: number; line: number; cont: boolean }

interface Segment { readonly bytes: Uint8Array; readonly line: number; readonly cont: boolean }

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

const lower = (b: number): number => (b >= 0x41 && b <= 0x5a ? b + 32 : b);

/** `needle` (ASCII lower-cased) in `hay`, ASCII case-insensitively; native indexOf finds candidates. */
function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  const firsts = first >= 0x61 && first <= 0x7a ? [first, first - 32] : [first];
  for (const lead of firsts) {
    for (let i = hay.indexOf(lead); i !== -1 && i + needle.length <= hay.length; i = hay.indexOf(lead, i + 1)) {
      let j = 1;
      while (j < needle.length && lower(hay[i + j]!) === needle[j]) j++;
      if (j === needle.length) return true;
    }
  }
  return false;
}

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

  lineCount(): number { return this.indexed; }
  complete(): boolean { return this.done; }
  numberWidth(): number { return Math.max(4, String(this.done ? this.lastLine : this.frontier.line + 1).length); }

  /**
   * Visits display lines from `from` (index `index`) while `visit` returns true, extending the index
   * when it passes the frontier. Reads at most two chunks at a time.
   */
  private async walk(from: Cursor, index: number, visit: (segment: Segment, index: number) => boolean): Promise<void> {
    const { size } = this.cache;
    let { offset, line, cont } = from;
    let at = index;
    while (offset < size) {
      const buf = await this.cache.bytes(offset, offset + CHUNK_BYTES);
      // A reader that returns less than asked has reached the end, whatever the size said.
      const eof = offset + buf.length >= size || buf.length < Math.min(CHUNK_BYTES, size - offset);
      if (buf.length === 0) break;
      let rel = 0;
      for (;;) {
        const seg = segmentEnd(buf, rel, eof);
        if (!seg) break;
        const segment = { bytes: buf.subarray(rel, seg.end), line, cont };
        rel = seg.end;
        if (seg.newline) { line++; cont = false; } else cont = true;
        if (at === this.indexed) this.extend({ offset: offset + rel, line, cont });
        if (!visit(segment, at++)) return;
      }
      offset += rel;
    }
    if (at >= this.indexed) this.done = true;
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
      if (at >= start) out.push({ text: displayText(seg.bytes), ...(seg.cont ? {} : { number: seg.line }) });
      return out.length < count;
    });
    return out;
  }

  async search(query: string, from: number, direction: 1 | -1): Promise<number> {
    const needle = new TextEncoder().encode(query).map(lower);
    if (needle.length === 0) return -1;
    if (direction === 1) {
      let found = -1;
      const start = Math.max(0, from);
      await this.ensure(start + 1);
      if (start >= this.indexed) return -1;
      const c = Math.floor(start / CHECKPOINT);
      await this.walk(this.checkpoints[c]!, c * CHECKPOINT, (seg, at) => {
        if (at >= start && contains(seg.bytes, needle)) found = at;
        return found === -1;
      });
      return found;
    }
    // Backwards: one checkpoint block at a time, each read forwards and tested last line first.
    const last = Math.min(from, this.indexed - 1);
    for (let c = Math.floor(last / CHECKPOINT); c >= 0 && last >= 0; c--) {
      const hits: number[] = [];
      await this.walk(this.checkpoints[c]!, c * CHECKPOINT, (seg, at) => {
        if (at <= last && contains(seg.bytes, needle)) hits.push(at);
        return at + 1 < Math.min(last + 1, (c + 1) * CHECKPOINT);
      });
      if (hits.length > 0) return hits[hits.length - 1]!;
    }
    return -1;
  }
}
