// A whole file as a Readable with reads ahead of the consumer (see file-range.ts): for the archives that
// must be read front to back (a gzipped `docker save`, or anything that is not a plain tar).
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fileRange } from './file-range.js';

async function* wholeFile(path: string, size: number): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    yield* fileRange(file, 0, size);
  } finally {
    await file.close();
  }
}

export const readAheadStream = (path: string, size: number): Readable =>
  Readable.from(wholeFile(path, size), { objectMode: false, highWaterMark: 1 });
