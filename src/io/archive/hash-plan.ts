// Which layers' hashes the worker thread takes (hash-worker.ts) and which this thread takes as it parses.
// This thread parses every layer anyway, so the worker gets the largest plain layers until it has as much
// to do as this thread: on the 713 MB fixture (layers of 524, 121 and 67 MB) giving the worker all three
// left this thread idle waiting for it (0.73 s whole process, against 0.75 s hashing all here), while the
// 524 MB layer alone there and the rest here took 0.64 s. A compressed blob always goes to the worker:
// hashed here it would be its uncompressed bytes (more of them) on the thread that parses them, there its
// bytes as they lie in the file (big OCI gzip, first run: 1.23 -> 0.98 s).

/** This thread's cost of parsing a byte, in units of hashing one (713 MB: 0.27 s parsing, 0.40 s hashing). */
const PARSE_COST = 0.7;
/** The worker's cost of hashing a byte: it reads the bytes again as well. */
const WORKER_HASH_COST = 1.3;
/**
 * Below this much work the worker is not started: it costs its own Node (~65 ms of CPU, 12-14 MB of peak
 * RSS) and on two shared cores it saved no time but on the 713 MB fixture (its 524 MB layer, 0.87x).
 * Measured with 32 MiB here (2026-12-03, first runs, 12 alternating pairs each, against no worker):
 * debian-apt `docker save` 0.99x wall, peak RSS 95 -> 82 MB; its OCI gzip 0.99x, 131 -> 119 MB; the
 * 50k-file `docker save` 0.99x, 159 -> 146 MB, and OCI gzip 1.00x, 188 -> 175 MB; CPU 0.87-0.98x.
 * LAYERSCOPE_HASH_WORKER_MIN sets it (a machine with more cores may gain from the worker sooner).
 */
export const MIN_WORKER_BYTES = 256 * 1024 * 1024;

export interface HashJob {
  readonly bytes: number;
  /** Hashed as it lies in the file (its own digest), not as the tar it decompresses to. */
  readonly compressed: boolean;
}

/**
 * The indexes of `jobs` (the layers to hash) to give the worker, when layers of `parsedBytes` in all are
 * parsed here: every compressed one, then the plain ones largest first, each to the side that would
 * finish it sooner. None when the worker would get less than `minWorkerBytes`.
 */
export function layersForWorker(jobs: readonly HashJob[], parsedBytes: number, minWorkerBytes = MIN_WORKER_BYTES): Set<number> {
  const chosen = new Set<number>();
  let worker = 0;
  jobs.forEach((job, index) => {
    if (!job.compressed) return;
    chosen.add(index);
    worker += WORKER_HASH_COST * job.bytes;
  });
  let here = PARSE_COST * parsedBytes;
  const plain = jobs
    .map((job, index) => ({ size: job.bytes, index, compressed: job.compressed }))
    .filter((job) => !job.compressed)
    .sort((a, b) => b.size - a.size);
  for (const { size, index } of plain) {
    if (worker + WORKER_HASH_COST * size <= here + size) {
      worker += WORKER_HASH_COST * size;
      chosen.add(index);
    } else here += size;
  }
  const workerBytes = [...chosen].reduce((sum, i) => sum + jobs[i]!.bytes, 0);
  return workerBytes >= minWorkerBytes ? chosen : new Set();
}
