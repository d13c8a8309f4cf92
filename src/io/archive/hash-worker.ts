// The sha256 of part of a file, taken on a worker thread. The layer cache keeps a parse only under the
// diff id its bytes were seen to have, and on the main thread that hash was half of a first read: 0.40 s
// of 0.77 s for the 713 MB fixture, where the parse alone takes 0.37 s. A plain tar layer's diff id is the
// sha256 of its bytes as they lie in the file, so a second thread can read and hash them while the main
// thread parses, and the two cores share the work (hash-plan.ts decides which layers: 0.73 -> 0.65 s for
// that fixture, whole process). A worker costs about 12 MB of peak RSS (its own Node environment), which
// is why a read with less than 32 MB to hash does not start one.
//
// One worker, made on first use, takes the ranges in turn (a second would only compete with the parse
// for the same two cores). It holds the process open only while it has work: a range no longer wanted
// (a failed read, a layer padded past what the cache hashes) is cancelled, a `--json` read awaits the rest.
import type { Worker } from 'node:worker_threads';

// Plain CommonJS run by `eval`: the bundle has no file to point a worker at. Two reads in flight (on
// libuv's threads) while the worker hashes the chunk before, into three reused 1 MiB buffers: reading
// and hashing one after the other took 530 ms for 713 MB, this 456 ms (sha256 alone: 400 ms).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { open, read, close } = require('node:fs');
const { createHash } = require('node:crypto');
const CHUNK = 1 << 20;
const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
const readAt = (fd, buffer, size, at) =>
  new Promise((resolve, reject) => read(fd, buffer, 0, size, at, (err, n) => (err ? reject(err) : resolve(n))));
async function hash(id, file, offset, bytes) {
  const fd = await new Promise((resolve, reject) => open(file, 'r', (err, fd) => (err ? reject(err) : resolve(fd))));
  try {
    const sha = createHash('sha256');
    const queue = [];
    let issued = 0;
    const issue = () => {
      const size = Math.min(CHUNK, bytes - issued * CHUNK);
      const buffer = buffers[issued % buffers.length];
      const at = offset + issued * CHUNK;
      issued++;
      queue.push(readAt(fd, buffer, size, at).then((n) => {
        if (n !== size) throw new Error('the file ended before the range did');
        return buffer.subarray(0, n);
      }));
    };
    const chunks = Math.ceil(bytes / CHUNK);
    for (let done = 0; done < chunks; done++) {
      if (cancelled.has(id)) throw new Error('cancelled');
      while (queue.length < buffers.length - 1 && issued < chunks) issue();
      sha.update(await queue.shift());
    }
    return 'sha256:' + sha.digest('hex');
  } finally {
    close(fd, () => {});
  }
}
const cancelled = new Set();
let work = Promise.resolve();
parentPort.on('message', ({ id, file, offset, bytes, cancel }) => {
  if (cancel !== undefined) return void cancelled.add(cancel);
  work = work
    .then(() => hash(id, file, offset, bytes))
    .then(
      (digest) => parentPort.postMessage({ id, digest }),
      (error) => parentPort.postMessage({ id, error: String(error && error.message) }),
    )
    .finally(() => cancelled.delete(id));
});
`;

interface Pending {
  readonly resolve: (digest: string) => void;
  readonly reject: (error: Error) => void;
}

/** A worker and the ranges it holds (a stopped worker's exit fails its own ranges, not a newer one's). */
interface HashThread {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
}

type WorkerClass = typeof import('node:worker_threads').Worker;

let current: HashThread | undefined;
let nextId = 0;

function theThread(Worker: WorkerClass): HashThread {
  if (current) return current;
  const worker = new Worker(WORKER_SOURCE, { eval: true, stdout: false, stderr: false });
  const thread: HashThread = { worker, pending: new Map() };
  worker.on('message', (m: { id: number; digest?: string; error?: string }) => {
    const job = thread.pending.get(m.id);
    if (!job) return;
    thread.pending.delete(m.id);
    if (thread.pending.size === 0) worker.unref();
    if (m.digest !== undefined) job.resolve(m.digest);
    else job.reject(new Error(m.error ?? 'hash failed'));
  });
  const gone = (error: Error): void => {
    if (current === thread) current = undefined;
    for (const job of thread.pending.values()) job.reject(error);
    thread.pending.clear();
  };
  worker.on('error', gone);
  worker.on('exit', () => gone(new Error('the hash worker stopped')));
  current = thread;
  return thread;
}

/**
 * `sha256:<hex>` of bytes [offset, offset + bytes) of `file`, hashed on the worker thread. Rejects when the
 * file is shorter, unreadable, or `signal` aborts (the worker then stops reading that range).
 */
export async function hashFileRange(file: string, offset: number, bytes: number, signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted();
  // Loaded on first use: every read that never hashes here (most) is spared it at start-up (~2 ms).
  const { Worker } = await import('node:worker_threads');
  signal?.throwIfAborted();
  // No thread to be had (a process at its thread limit) throws here: the layer is only not kept.
  const thread = theThread(Worker);
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    // The worker drops the range at its next chunk; the ranges after it are still answered.
    const onAbort = (): void => {
      thread.pending.delete(id);
      if (thread.pending.size === 0) thread.worker.unref();
      thread.worker.postMessage({ cancel: id });
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal?.removeEventListener('abort', onAbort);
    thread.pending.set(id, {
      resolve: (digest) => (done(), resolve(digest)),
      reject: (error) => (done(), reject(error)),
    });
    thread.worker.ref();
    thread.worker.postMessage({ id, file, offset, bytes });
  });
}

/** Stops the worker (the ranges it still holds reject); the next hash makes a new one. */
export async function stopHashWorker(): Promise<void> {
  const thread = current;
  current = undefined;
  if (thread) await thread.worker.terminate();
}
