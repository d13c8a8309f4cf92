// glibc's malloc keeps freed memory for reuse only up to a trim threshold: when more than that lies free
// at the top of its heap, it hands the pages back to the kernel, and the next allocation faults them in
// afresh. A read streams hundreds of MB through 1 MiB buffers (file reads, zlib's output), freed in
// batches by the garbage collector, and the threshold glibc picks for them by itself is 2 MiB, so most
// batches went back and came in again: 36-53k page faults in a `--no-cache` read of the 713 MB OCI gzip
// fixture, at ~13 µs each on these VMs, where it takes 21-23k with the threshold raised (wall 1.58-2.00 s ->
// 1.28-1.52 s, /usr/bin/time, 3 runs each). glibc raises its thresholds itself when a block it had
// mapped on its own is freed (the "dynamic mmap threshold": the mapping threshold to that block's size,
// the trim threshold to twice it), which is the only way to move them from inside a running process:
// an 8 MiB buffer, never written (no page of it is touched), freed at the next collection. Elsewhere
// (musl, macOS) it is an untouched allocation and changes nothing.
const RAISE_TO_BYTES = 8 << 20;

let raised = false;

/** Once per process, before the first read: freed read buffers stay in the heap for the next ones. */
export function keepFreedBuffers(allocate: (bytes: number) => unknown = (bytes) => Buffer.allocUnsafeSlow(bytes)): void {
  if (raised) return;
  raised = true;
  allocate(RAISE_TO_BYTES);
}
