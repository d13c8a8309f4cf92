// What the viewer pages through: a text file (lines found as it is read), a binary file (hex rows),
// or a list made in memory (a diff). All three answer the same few questions, so one pane shows them.
import { hexRow } from '../../presentation/content-lines.js';
import type { ChunkCache } from './chunk-cache.js';

export interface ViewLine {
  readonly text: string;
  /** Line number for the gutter (text files); undefined on a long line's continuation and in hex/diff. */
  readonly number?: number;
  /** On a long line's continuation: the number of the line it continues. */
  readonly continues?: number;
  readonly tone?: 'added' | 'removed' | 'hunk' | 'header';
}

export interface ViewDocument {
  readonly kind: 'text' | 'hex' | 'diff';
  /** Lines known so far (all of them once `complete`). */
  lineCount(): number;
  /** The file's lines known so far, as the header counts them: a long line shown as several counts once. */
  fileLineCount(): number;
  complete(): boolean;
  /** Finds lines up to `lines` (or the end); Infinity finds them all. */
  ensure(lines: number): Promise<void>;
  lines(start: number, count: number): Promise<ViewLine[]>;
  /** The same lines without waiting when nothing needs reading (so a keypress draws one frame), else undefined. */
  linesCached(start: number, count: number): ViewLine[] | undefined;
  /** Index of the first line from `from` in `direction` containing `query` (case-insensitive), or -1. */
  search(query: string, from: number, direction: 1 | -1): Promise<number>;
  /** Widest line number, for the gutter (0: no gutter). */
  numberWidth(): number;
}

export const HEX_ROW_BYTES = 16;

function rows(from: number, bytes: Uint8Array): ViewLine[] {
  const out: ViewLine[] = [];
  for (let at = 0; at < bytes.length; at += HEX_ROW_BYTES) out.push({ text: hexRow(from + at, bytes.subarray(at, at + HEX_ROW_BYTES)) });
  return out;
}

/** A binary file as `hexdump -C` rows: row count known from the size, bytes read per visible row. */
export class HexDocument implements ViewDocument {
  readonly kind = 'hex';
  constructor(private readonly cache: ChunkCache) {}
  lineCount(): number {
    return Math.ceil(this.cache.size / HEX_ROW_BYTES);
  }
  fileLineCount(): number {
    return this.lineCount();
  }
  complete(): boolean {
    return true;
  }
  async ensure(): Promise<void> {}
  async lines(start: number, count: number): Promise<ViewLine[]> {
    const from = start * HEX_ROW_BYTES;
    const bytes = await this.cache.bytes(from, from + count * HEX_ROW_BYTES);
    return rows(from, bytes);
  }
  linesCached(start: number, count: number): ViewLine[] | undefined {
    const from = start * HEX_ROW_BYTES;
    const bytes = this.cache.peek(from, from + count * HEX_ROW_BYTES);
    return bytes && rows(from, bytes);
  }
  async search(): Promise<number> {
    return -1;
  }
  numberWidth(): number {
    return 0;
  }
}

/** Lines already in memory (a diff of two bounded versions). */
export class LineListDocument implements ViewDocument {
  readonly kind = 'diff';
  constructor(private readonly all: readonly ViewLine[]) {}
  lineCount(): number {
    return this.all.length;
  }
  fileLineCount(): number {
    return this.all.length;
  }
  complete(): boolean {
    return true;
  }
  async ensure(): Promise<void> {}
  async lines(start: number, count: number): Promise<ViewLine[]> {
    return this.all.slice(start, start + count);
  }
  linesCached(start: number, count: number): ViewLine[] {
    return this.all.slice(start, start + count);
  }
  async search(query: string, from: number, direction: 1 | -1): Promise<number> {
    const needle = query.toLowerCase();
    for (let at = from; at >= 0 && at < this.all.length; at += direction) if (this.all[at]!.text.toLowerCase().includes(needle)) return at;
    return -1;
  }
  numberWidth(): number {
    return 0;
  }
}
