// Small chunks (a socket's reads of up to 64 KiB) gathered into pieces of at least `min` bytes before
// they reach a decompressor. zlib inflates one written chunk per trip to its thread and back, and on two
// cores the ~8,000 trips of a 524 MB registry blob kept that thread waiting for ours: the blob inflated
// in 0.97 s as it arrived from the registry, in 0.63-0.71 s gathered into 1 MiB pieces. A chunk that
// is already large (an archive file is read 1 MiB at a time) passes as it is, uncopied.
export async function* coalesceChunks(chunks: AsyncIterable<Uint8Array>, min: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    if (size === 0 && chunk.length >= min) {
      yield chunk;
      continue;
    }
    parts.push(chunk);
    size += chunk.length;
    if (size >= min) {
      yield Buffer.concat(parts, size);
      parts = [];
      size = 0;
    }
  }
  if (size > 0) yield parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
}
