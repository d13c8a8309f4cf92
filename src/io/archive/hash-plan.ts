// Which layers' sha256 the worker thread takes (hash-worker.ts) and which this thread takes as it parses.
// This thread parses every layer anyway, so the worker gets the largest layers until it has as much to
// do as this thread: on the 713 MB fixture (layers of 524, 121 and 67 MB) giving the worker all three
// left this thread idle waiting for it (0.73 s whole process, against 0.75 s hashing all here), while
// the 524 MB layer alone there and the rest here took 0.64 s.

/** This thread's cost of parsing a byte, in units of hashing one (713 MB: 0.27 s parsing, 0.40 s hashing). */
const PARSE_COST = 0.7;
/** The worker's cost of hashing a byte: it reads the bytes again as well. */
const WORKER_HASH_COST = 1.3;
/** Below this much work a worker does not pay for its start (a new V8 isolate, about 30 ms). */
export const MIN_WORKER_BYTES = 32 * 1024 * 1024;

/**
 * The indexes of `sizes` (the layers to hash) to give the worker, when every layer in `parsedBytes` is
 * parsed here: largest first, each to the side that would finish it sooner.
 */
export function layersForWorker(sizes: readonly number[], parsedBytes: number): Set<number> {
  let here = PARSE_COST * parsedBytes;
  let worker = 0;
  const chosen = new Set<number>();
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => b.size - a.size);
  for (const { size, index } of order) {
    if (worker + WORKER_HASH_COST * size <= here + size) {
      worker += WORKER_HASH_COST * size;
      chosen.add(index);
    } else here += size;
  }
  const workerBytes = [...chosen].reduce((sum, i) => sum + sizes[i]!, 0);
  return workerBytes >= MIN_WORKER_BYTES ? chosen : new Set();
}
