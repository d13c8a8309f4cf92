// Looking at the first bytes of a stream (to sniff what it is) without losing them: read a head, then
// replay it in front of the rest.
import { SNIFF_BYTES } from './sniff.js';

export async function readHead(it: AsyncIterator<Uint8Array>): Promise<{ chunks: Uint8Array[]; head: Buffer; done: boolean }> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const next = await it.next();
    if (next.done) return { chunks, head: Buffer.concat(chunks), done: true };
    chunks.push(next.value);
    length += next.value.length;
  }
  return { chunks, head: Buffer.concat(chunks), done: false };
}

export async function* replay(chunks: Uint8Array[], it: AsyncIterator<Uint8Array>, done: boolean): AsyncGenerator<Uint8Array> {
  yield* chunks;
  if (done) return;
  for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
}
