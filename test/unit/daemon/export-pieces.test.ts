// The export's 1 MiB pieces (here 64-byte ones): the bytes come out whole and in order, and with `reuse`
// the READER_KEEPS pieces before the one being read stay as they were, which a reader that checks them
// byte for byte against copies would see broken.
import { describe, expect, it } from 'vitest';
import { ExportPieces, LAG, MAX_WAITING, READER_KEEPS } from '../../../src/io/daemon/export-pieces.js';
import { prng } from '../../helpers/prng.js';
import { readImageArchive } from '../../../src/io/archive/read-image-archive.js';
import { writeImageArchive } from '../../../src/io/archive-writer/write-image-archive.js';
import { readBuffer, summary } from '../io/archive-helpers.js';

const PIECE = 64;

/**
 * Feeds `total` bytes (byte i = i mod 251) in random-sized adds of up to a quarter piece (a socket read
 * of at most 256 KiB into 1 MiB pieces), as the reader makes room; `greedy` ignores `behind`.
 */
function feed(pieces: ExportPieces, total: number, seed: number, greedy = false): { resume: () => void } {
  const random = prng(seed);
  let sent = 0;
  const scratch = Buffer.alloc(PIECE / 4);
  const resume = (): void => {
    // Greedy: two pieces' worth each call, whatever `behind` says (called for every piece read).
    const stop = greedy ? Math.min(total, sent + 2 * PIECE) : total;
    while (sent < stop && (greedy || !pieces.behind)) {
      const n = Math.min(stop - sent, 1 + Math.floor(random() * scratch.length));
      for (let i = 0; i < n; i++) scratch[i] = (sent + i) % 251;
      pieces.add(scratch.subarray(0, n));
      scratch.fill(0xee); // the socket's buffer is read into again
      sent += n;
    }
    if (sent === total) pieces.finish();
  };
  return { resume };
}

async function readAll(reuse: boolean, total: number, seed: number, greedy = false) {
  const room = { resume: (): void => undefined };
  const pieces = new ExportPieces(PIECE, reuse, () => queueMicrotask(() => room.resume()));
  const feeder = feed(pieces, total, seed, greedy);
  room.resume = feeder.resume;
  feeder.resume();
  const got: Buffer[] = [];
  const copies: Buffer[] = [];
  let offset = 0;
  for await (const piece of pieces) {
    // What the reader may still be holding: the READER_KEEPS pieces before this one.
    for (let back = 1; back <= READER_KEEPS && got.length - back >= 0; back++) {
      expect(got[got.length - back]!.equals(copies[copies.length - back]!)).toBe(true);
    }
    for (let i = 0; i < piece.length; i++) expect(piece[i]).toBe((offset + i) % 251);
    offset += piece.length;
    got.push(piece);
    copies.push(Buffer.from(piece));
    if (greedy) feeder.resume();
    // A slow reader, some of the time: the feeder runs ahead until it is behind.
    if (got.length % 3 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { got, offset, overflows: pieces.overflows };
}

describe('ExportPieces', () => {
  it('hands out every byte in order, in full pieces but the last', async () => {
    const { got, offset } = await readAll(false, 10 * PIECE + 17, 1);
    expect(offset).toBe(10 * PIECE + 17);
    expect(got.map((p) => p.length)).toEqual([...Array(10).fill(PIECE), 17]);
  });

  it('reuses a ring of buffers, none of them written while a reader may still hold it', async () => {
    const { got, offset, overflows } = await readAll(true, 500 * PIECE + 5, 2);
    expect(offset).toBe(500 * PIECE + 5);
    const buffers = new Set(got.map((p) => p.buffer));
    // The ring is LAG + MAX_WAITING + 1 buffers; a read that finishes after the socket was asked to
    // stop may need one more, made fresh.
    expect(buffers.size - overflows).toBeLessThanOrEqual(LAG + MAX_WAITING + 1);
    expect(overflows).toBeLessThan(got.length / 10);
  });

  it('a feeder that never stops still hands out intact pieces: fresh buffers where the ring is busy', async () => {
    const { offset, overflows } = await readAll(true, 200 * PIECE, 4, true);
    expect(offset).toBe(200 * PIECE);
    expect(overflows).toBeGreaterThan(0);
  });

  it('without reuse every piece is a buffer of its own', async () => {
    const { got } = await readAll(false, 50 * PIECE, 3);
    expect(new Set(got.map((p) => p.buffer)).size).toBe(50);
  });

  it('is behind once MAX_WAITING pieces wait, and says when the reader made room', async () => {
    let rooms = 0;
    const pieces = new ExportPieces(PIECE, true, () => rooms++);
    pieces.add(Buffer.alloc(MAX_WAITING * PIECE));
    expect(pieces.behind).toBe(true);
    const it = pieces[Symbol.asyncIterator]();
    await it.next();
    expect(pieces.behind).toBe(false);
    expect(rooms).toBe(1);
  });

  it('destroyed with an error, its reader gets the error and the connection is let go', async () => {
    let stops = 0;
    const pieces = new ExportPieces(
      PIECE,
      true,
      () => undefined,
      () => stops++,
    );
    pieces.add(Buffer.alloc(PIECE, 7));
    const it = pieces[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual(Buffer.alloc(PIECE, 7));
    pieces.destroy(new Error('connection closed'));
    await expect(it.next()).rejects.toThrow('connection closed');
    expect(stops).toBe(1);
  });

  // The stream is handed out when the answer's head arrives; a bad body in the same socket read fails
  // it at once. Failed then, it must wait for its reader: an error emitted with no listener is uncaught
  // (it was, in CI, on the raw export's test of a body that is not HTTP chunking).
  it('failed before anyone reads, it fails its reader when the reader comes, not before', async () => {
    const pieces = new ExportPieces(PIECE, true, () => undefined);
    pieces.add(Buffer.alloc(PIECE, 7));
    pieces.fail(new Error('bad chunk size line'));
    await new Promise((resolve) => setImmediate(resolve)); // past the ticks an 'error' event is emitted in
    expect(pieces.destroyed).toBe(false);
    const reading = (async () => {
      for await (const _ of pieces) void _;
    })();
    await expect(reading).rejects.toThrow('bad chunk size line');
    expect(pieces.destroyed).toBe(true);
  });

  it('failed while its reader reads, it fails at once', async () => {
    const pieces = new ExportPieces(PIECE, true, () => undefined);
    const it = pieces[Symbol.asyncIterator]();
    const next = it.next();
    pieces.fail(new Error('connection closed'));
    expect(pieces.destroyed).toBe(true);
    await expect(next).rejects.toThrow('connection closed');
  });

  // The archive reader keeps to the contract: read from reused 4 KiB pieces, an archive whose config
  // (a 40 KB command in its history) spans ten of them reads as it does from fresh chunks. Kept as
  // views, the config's bytes would have been read into again before it was whole.
  it('the archive reader reads reused pieces as it reads fresh ones, a config spanning many pieces included', async () => {
    const spec = {
      layers: [
        { command: `RUN ${'x'.repeat(40_000)}`, entries: [{ path: 'etc/a', content: 'a'.repeat(9000) }] },
        { command: 'RUN b', entries: [{ path: 'etc/b', content: 'b' }] },
      ],
    };
    const archive = writeImageArchive(spec, 'docker-legacy');
    const room = { resume: (): void => undefined };
    const pieces = new ExportPieces(4096, true, () => queueMicrotask(() => room.resume()));
    let sent = 0;
    room.resume = () => {
      while (sent < archive.length && !pieces.behind) {
        const n = Math.min(1000, archive.length - sent);
        pieces.add(archive.subarray(sent, sent + n));
        sent += n;
      }
      if (sent === archive.length) pieces.finish();
    };
    room.resume();
    const model = await readImageArchive(pieces, {}, 'test.tar');
    expect(summary(model)).toEqual(summary(await readBuffer(archive)));
    expect(model.layers[0]!.command).toContain('x'.repeat(40_000));
  });
});
