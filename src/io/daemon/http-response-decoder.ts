// An HTTP/1.1 response, decoded from the bytes of its connection as they arrive (RFC 9112): the head,
// then the body framed by chunked transfer coding, by Content-Length, or by the connection's close. No
// I/O: the export reader (raw-export.ts) feeds it whatever the socket read, split anywhere, and gets the
// body as views into those bytes, which it must copy before its read buffer is read into again.

/** The head's longest line and whole size: a server that sends more is not a container engine. */
const MAX_HEAD_BYTES = 64 * 1024;
/** A chunk-size line (hex size and extensions) or a trailer line. */
const MAX_LINE_BYTES = 4 * 1024;

export class HttpFramingError extends Error {}

const CR = 0x0d;
const LF = 0x0a;
/** Each byte's value as a hex digit, or -1. */
const HEX = Int8Array.from({ length: 256 }, (_, b) => {
  const c = String.fromCharCode(b);
  return /[0-9a-fA-F]/.test(c) ? parseInt(c, 16) : -1;
});

export interface ResponseHead {
  readonly status: number;
  /** Lower-cased names; a repeated field's values joined with ', '. */
  readonly headers: ReadonlyMap<string, string>;
}

export interface ResponseSink {
  head(head: ResponseHead): void;
  /** Body bytes, in order: a view, valid only during the call. */
  body(bytes: Uint8Array): void;
  /** The body ended as its framing says (not called for a body that ends at close: see `endsAtClose`). */
  end(): void;
}

type State = 'head' | 'length' | 'size' | 'data' | 'data-end' | 'trailers' | 'close' | 'done';

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(statusLine);
  if (!status) throw new HttpFramingError(`not an HTTP/1.1 status line: ${JSON.stringify(statusLine.slice(0, 40))}`);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpFramingError(`malformed header line: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  return { status: Number(status[1]), headers };
}

export class HttpResponseDecoder {
  private state: State = 'head';
  /** An unfinished line (the head, a chunk size, a trailer) as latin1 text: one character a byte. */
  private line = '';
  /** What is left of the current chunk or Content-Length body. */
  private left = 0;

  constructor(private readonly sink: ResponseSink) {}

  /** Whether the body ended as its framing says (`end` was called). */
  get ended(): boolean {
    return this.state === 'done';
  }

  /** Whether the body ends with the connection (no length, not chunked): whole once the connection closes. */
  get endsAtClose(): boolean {
    return this.state === 'close';
  }

  /** Bytes the connection read; throws HttpFramingError on anything that is not HTTP/1.1. */
  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length) {
      switch (this.state) {
        case 'head': {
          const end = this.untilBlankLine(bytes, at);
          if (end < 0) return;
          at = end;
          this.startBody(parseHead(this.takeLine()));
          break;
        }
        case 'length':
        case 'data': {
          const n = Math.min(this.left, bytes.length - at);
          this.sink.body(bytes.subarray(at, at + n));
          at += n;
          this.left -= n;
          if (this.left === 0) this.finishPart();
          break;
        }
        case 'close':
          this.sink.body(bytes.subarray(at));
          return;
        case 'size':
        case 'data-end':
        case 'trailers': {
          const simple = this.line === '' ? this.simpleLine(bytes, at) : -1;
          if (simple >= 0) {
            at = simple;
            break;
          }
          const end = this.untilLineEnd(bytes, at);
          if (end < 0) return;
          at = end;
          this.finishLine(this.takeLine());
          break;
        }
        case 'done':
          // Bytes after the end of the response: the next response on a kept-alive connection, which this
          // reader never asks for.
          throw new HttpFramingError('bytes after the end of the response');
      }
    }
  }

  /**
   * A whole chunk-size line of bare hex digits, or the empty line after a chunk's data, read off the bytes:
   * the index after it, or -1 for anything else (split, extensions, trailers), which `gather` then reads.
   * Docker sends its export in 32 KiB chunks, 7.4k of them for a 243 MB image, and each line gathered as
   * text (a Buffer view, a search, a string, an expression) cost ~3 µs.
   */
  private simpleLine(bytes: Uint8Array, at: number): number {
    if (this.state === 'data-end') {
      if (bytes[at] !== CR || bytes[at + 1] !== LF) return -1;
      this.state = 'size';
      return at + 2;
    }
    if (this.state !== 'size') return -1;
    let size = 0;
    let i = at;
    for (; i < bytes.length && i - at <= 13; i++) {
      const digit = HEX[bytes[i]!]!;
      if (digit < 0) break;
      size = size * 16 + digit;
    }
    const digits = i - at;
    if (digits === 0 || digits > 13 || bytes[i] !== CR || bytes[i + 1] !== LF) return -1;
    this.left = size;
    this.state = size === 0 ? 'trailers' : 'data';
    return i + 2;
  }

  private startBody(head: ResponseHead): void {
    // 1xx answers are interim: the real head follows.
    if (head.status >= 100 && head.status < 200) return;
    this.sink.head(head);
    const coding = head.headers.get('transfer-encoding');
    const length = head.headers.get('content-length');
    if (coding !== undefined) {
      if (!/(?:^|,)\s*chunked\s*$/i.test(coding)) throw new HttpFramingError(`unsupported transfer coding: ${coding}`);
      this.state = 'size';
    } else if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) throw new HttpFramingError(`bad content-length: ${length}`);
      this.left = Number(length);
      this.state = 'length';
      if (this.left === 0) this.finishPart();
    } else {
      this.state = 'close';
    }
  }

  private finishPart(): void {
    if (this.state === 'length') this.end();
    else this.state = 'data-end';
  }

  private finishLine(line: string): void {
    if (this.state === 'data-end') {
      if (line !== '') throw new HttpFramingError('chunk data longer than its size');
      this.state = 'size';
    } else if (this.state === 'size') {
      const size = /^([0-9a-fA-F]{1,13})[ \t]*(?:;.*)?$/.exec(line);
      if (!size) throw new HttpFramingError(`bad chunk size line: ${JSON.stringify(line.slice(0, 40))}`);
      this.left = parseInt(size[1]!, 16);
      this.state = this.left === 0 ? 'trailers' : 'data';
    } else if (line === '') {
      this.end(); // the blank line after the last chunk's trailers
    }
  }

  private end(): void {
    this.state = 'done';
    this.sink.end();
  }

  /** Gathers bytes up to and including the next CRLF; the index after it, or -1 when it has not come. */
  private untilLineEnd(bytes: Uint8Array, at: number): number {
    return this.gather(bytes, at, MAX_LINE_BYTES, '\r\n');
  }

  private untilBlankLine(bytes: Uint8Array, at: number): number {
    return this.gather(bytes, at, MAX_HEAD_BYTES, '\r\n\r\n');
  }

  /**
   * Adds bytes from `at` to the unfinished line until `sep`: the index after `sep`, or -1 when it has not
   * come. Only the line is decoded (latin1: bytes as they are), never the body bytes after it.
   */
  private gather(bytes: Uint8Array, at: number, max: number, sep: string): number {
    const before = this.line.length;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(bytes.length - at, max + sep.length - before));
    if (before === 0) {
      const found = view.indexOf(sep, 0, 'latin1');
      if (found >= 0) {
        this.line = view.toString('latin1', 0, found);
        return at + found + sep.length;
      }
      this.line = view.toString('latin1');
    } else {
      // The line began in an earlier read: a separator may straddle the two.
      const text = this.line + view.toString('latin1');
      const found = text.indexOf(sep, Math.max(0, before - sep.length + 1));
      if (found >= 0) {
        this.line = text.slice(0, found);
        return at + found + sep.length - before;
      }
      this.line = text;
    }
    if (this.line.length >= max + sep.length - 1) throw new HttpFramingError(`a head or chunk line over ${max} bytes`);
    return -1;
  }

  private takeLine(): string {
    const text = this.line;
    this.line = '';
    return text;
  }
}
