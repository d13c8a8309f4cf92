// Why: glibc's malloc gets every block of 128 KiB or more straight from the kernel (mmap) and gives it
// back when freed, so each one is faulted in again, page by page. A read of compressed layers allocates
// a fresh 1 MiB buffer for every MiB it reads and every MiB it decompresses: on this 2-core VM a page
// fault costs ~15 µs, and the 713 MB fixture as OCI gzip took 39-58k faults. glibc raises that
// threshold by itself, to the size of the largest such block freed so far (and the trim threshold to
// twice that): mallopt(3), "dynamic mmap threshold". Node cannot call mallopt, so one 4 MiB block is
// allocated and freed at once here, natively: the string written to /dev/null is encoded into a malloc'd
// buffer freed before writeSync returns (a Buffer would wait for a garbage collection; from 12 MiB Node
// encodes in pieces and nothing is raised). From then on the buffers come from the heap and are reused:
// big.oci-gzip 1.65-1.90 -> 1.45-1.52 s whole process, faults 39-58k -> 25-30k; peak RSS +5-9 MB (the
// heap may now keep up to 8 MiB free). Plain tars read into a ring of buffers and gain nothing, so only
// a decompressor asks for it. Elsewhere than glibc this is one harmless 4 MiB allocation.
import { closeSync, openSync, writeSync } from 'node:fs';

const RAISE_TO_BYTES = 4 << 20;
let raised = false;

export function reuseFreedMemory(): void {
  if (raised || process.platform !== 'linux') return;
  raised = true;
  try {
    const devNull = openSync('/dev/null', 'w');
    try {
      writeSync(devNull, 'x'.repeat(RAISE_TO_BYTES));
    } finally {
      closeSync(devNull);
    }
  } catch {
    // Only a speed-up: without /dev/null the read is as fast as it always was.
  }
}
