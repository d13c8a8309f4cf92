// The HTTP/1.1 response decoder of the raw export (RFC 9112): expected bodies are written out by hand from
// the bytes on the wire, and every case is also fed split at every byte, as a socket may hand it over.
import { describe, expect, it } from 'vitest';
import { HttpFramingError, HttpResponseDecoder, type ResponseHead } from '../../../src/io/daemon/http-response-decoder.js';

interface Seen {
  head?: ResponseHead;
  heads: number;
  body: string;
  ends: number;
  decoder: HttpResponseDecoder;
}

function decode(pieces: readonly string[]): Seen {
  const seen: Omit<Seen, 'decoder'> = { heads: 0, body: '', ends: 0 };
  const decoder = new HttpResponseDecoder({
    head: (h) => {
      seen.head = h;
      seen.heads++;
    },
    body: (bytes) => {
      seen.body += Buffer.from(bytes).toString('latin1');
    },
    end: () => seen.ends++,
  });
  // One reused buffer, as the socket's: the decoder must not keep views of it.
  const scratch = Buffer.alloc(1 << 16);
  for (const piece of pieces) {
    const n = scratch.write(piece, 'latin1');
    decoder.push(scratch.subarray(0, n));
    scratch.fill(0x58);
  }
  return { ...seen, decoder };
}

/** The same bytes whole, then cut in two at every offset, then one byte at a time. */
function everySplit(wire: string): string[][] {
  const splits: string[][] = [[wire]];
  for (let i = 1; i < wire.length; i++) splits.push([wire.slice(0, i), wire.slice(i)]);
  splits.push([...wire]);
  return splits;
}

// RFC 9112 §7.1's shape, with an extension and a trailer: 4 + 5 + 14 bytes of body.
const chunked =
  'HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nTransfer-Encoding: chunked\r\nX-Twice: a\r\nx-twice: b\r\n\r\n' +
  '4\r\nWiki\r\n5;name=value\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer-Field: x\r\n\r\n';

describe('HttpResponseDecoder', () => {
  it('decodes a chunked body, extensions and trailers included, however the bytes are split', () => {
    for (const split of everySplit(chunked)) {
      const seen = decode(split);
      expect(seen.head?.status).toBe(200);
      expect(seen.head?.headers.get('api-version')).toBe('1.41');
      expect(seen.head?.headers.get('x-twice')).toBe('a, b');
      expect(seen.body).toBe('Wikipedia in\r\n\r\nchunks.');
      expect(seen.ends).toBe(1);
      expect(seen.decoder.ended).toBe(true);
    }
  });

  // Sizes of more than one hex digit, in either case: 0x1a is 26 bytes, 0x10F 271; Docker's export comes
  // in chunks of 0x8000, 32768 bytes.
  it('reads chunk sizes of several hex digits in either case, however the bytes are split', () => {
    const a = 'a'.repeat(26);
    const b = 'b'.repeat(271);
    const wire = `HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n${a}\r\n10F\r\n${b}\r\n0\r\n\r\n`;
    for (const split of everySplit(wire)) {
      const seen = decode(split);
      expect(seen.body).toBe(a + b);
      expect(seen.decoder.ended).toBe(true);
    }
    const docker = 'x'.repeat(32768);
    const seen = decode([`HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nTransfer-Encoding: chunked\r\n\r\n8000\r\n${docker}\r\n0\r\n\r\n`]);
    expect(seen.body).toBe(docker);
    expect(seen.decoder.ended).toBe(true);
  });

  it('ends a Content-Length body after exactly that many bytes', () => {
    for (const split of everySplit('HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world')) {
      const seen = decode(split);
      expect(seen.body).toBe('hello world');
      expect(seen.ends).toBe(1);
    }
    const empty = decode(['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n']);
    expect([empty.body, empty.ends]).toEqual(['', 1]);
  });

  it('a body with neither length nor chunks runs to the close, and says so', () => {
    const seen = decode(['HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of', ' it']);
    expect(seen.body).toBe('all of it');
    expect(seen.ends).toBe(0);
    expect(seen.decoder.endsAtClose).toBe(true);
    expect(seen.decoder.ended).toBe(false);
  });

  it('skips an interim 1xx head', () => {
    const seen = decode(['HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}']);
    expect(seen.heads).toBe(1);
    expect(seen.head?.status).toBe(404);
    expect(seen.body).toBe('{}');
  });

  it('a chunked body cut off before its last chunk has not ended', () => {
    const cut = chunked.slice(0, chunked.indexOf('0\r\n'));
    const seen = decode([cut]);
    expect(seen.body).toBe('Wikipedia in\r\n\r\nchunks.');
    expect(seen.decoder.ended).toBe(false);
    expect(seen.decoder.endsAtClose).toBe(false);
  });

  it.each([
    ['not HTTP', 'SSH-2.0-OpenSSH_9.2\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nnonsense\r\n\r\n'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk data longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n'],
    ['a chunk size too large to be real', `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${'f'.repeat(14)}\r\n`],
    ['a transfer coding other than chunked last', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n'],
    ['a bad Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['bytes after the end of the response', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nab'],
  ])('rejects %s', (_what, wire) => {
    expect(() => decode([wire])).toThrow(HttpFramingError);
  });

  it('rejects a head or a chunk line that never ends, without holding more than its limit', () => {
    expect(() => decode(['HTTP/1.1 200 OK\r\nX: ', 'y'.repeat(70 * 1024)])).toThrow(/over 65536 bytes/);
    const longLine = ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;', 'e'.repeat(5000)];
    expect(() => decode(longLine)).toThrow(/over 4096 bytes/);
  });
});
