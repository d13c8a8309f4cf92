// While images are read, V8's incremental marking is off; it comes back when the last read ends.
// Why: a read streams hundreds of MB of short-lived buffers (socket reads of 64 KiB, zlib output of
// 1 MiB) through a heap of ~8 MB, and V8 answered by starting incremental marking again and again: 62
// full mark-compacts in one cold registry read of the 713 MB fixture, 66 in the same image from the
// daemon, ~1 s of CPU between the main thread and V8's helper threads (per-thread CPU from
// /proc/self/task). With it off the scavenges free those buffers as they die and a full collection
// happens only at the heap's limit: 2-4 in the same reads, user CPU 2.8 -> 2.1 s (registry) and
// 1.8 -> 1.2 s (daemon). It is only for the read: the explorer's heap on a big tree is large, and there
// incremental marking is what keeps a key's pause short. `--json` and `--ci` keep it off to the end, as
// nothing waits on a pause there: a warm read of the 713 MB archive then has no full collection at all
// (one of 11 ms before), 175 -> 169 ms whole process (farm-bench, 20 alternating pairs). V8 reads the flag each time it decides whether
// to start marking, so turning it off and on between collections is safe.
import { setFlagsFromString } from 'node:v8';
import { keepFreedBuffers } from './allocator-threshold.js';

let reads = 0;

/** `read()` with incremental marking off; nested and concurrent reads (a diff's two sides) share it. */
export async function withReadingGc<T>(read: () => Promise<T>, setFlags: (flags: string) => void = setFlagsFromString): Promise<T> {
  if (reads++ === 0) setFlags('--no-incremental-marking');
  keepFreedBuffers();
  try {
    return await read();
  } finally {
    if (--reads === 0) setFlags('--incremental-marking');
  }
}
