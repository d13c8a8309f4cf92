// A decompressor fed one chunk at a time: the next is written only once the last one's write has called
// back, that is, once the decompressor has taken every byte of it (zlib has inflated it and holds no
// pointer into it; a pipe to the `zstd` program has copied it into the kernel). So a chunk's memory is
// free to be read into again as soon as the next chunk is asked for, and an archive file's compressed
// blobs are read into a ring of buffers (file-range.ts `reuse`) instead of a fresh 1 MiB buffer each,
// whose first touch is a page fault per 4 KiB (a third of the faults of a `--no-cache` read of the
// 713 MB OCI gzip fixture, `perf record -e page-faults`).
import type { Duplex } from 'node:stream';

/** Writes `chunks` into `decompressor` and ends it; a failing source destroys it with the error. */
export function feedDecompressor(chunks: AsyncIterable<Uint8Array>, decompressor: Duplex): void {
  const written = (chunk: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => decompressor.write(chunk, (error) => (error ? reject(error) : resolve())));
  void (async () => {
    try {
      for await (const chunk of chunks) {
        if (decompressor.destroyed) return;
        await written(chunk);
      }
      decompressor.end();
    } catch (error) {
      // The decompressor's reader sees the error; a write refused because it was destroyed is its own.
      if (!decompressor.destroyed) decompressor.destroy(error as Error);
    }
  })();
}
