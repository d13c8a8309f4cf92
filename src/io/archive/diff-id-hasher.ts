// sha256 of a layer's uncompressed tar (its diff id, what the layer cache files it under), computed on a
// worker thread: at ~1.2-1.8 GB/s here it cost the main thread as long as parsing the layer did (713 MB
// image: +0.46 s CPU on a first run), while the second core sat idle on a plain archive. The main thread
// only copies the bytes into a few reused 1 MiB buffers that travel to the worker and back (transferred,
// not cloned), so memory stays bounded and the parse waits when the worker falls behind. A layer that
// fits in those buffers is hashed here at the end: no worker is started for a small image.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

const BUFFER_BYTES = 1 << 20;
const BUFFERS = 3;

// Plain CommonJS, evaluated by the worker: nothing to bundle or resolve.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  let h = hashes.get(m.id);
  if (!h) hashes.set(m.id, (h = createHash('sha256')));
  if (m.bytes) {
    h.update(new Uint8Array(m.bytes, 0, m.length));
    parentPort.postMessage({ id: m.id, bytes: m.bytes }, [m.bytes]);
  } else {
    hashes.delete(m.id);
    parentPort.postMessage({ id: m.id, digest: h.digest('hex') });
  }
});`;

type Reply = { id: number; bytes?: ArrayBuffer; digest?: string; error?: Error };
interface Shared {
  readonly worker: Worker;
  readonly handlers: Map<number, (reply: Reply) => void>;
  nextId: number;
  /** Waits for the worker's answer in progress: the worker keeps the process alive only while there are any. */
  waits: number;
}
let shared: Shared | undefined;

/** The one hashing worker, started on first need. */
function hashWorker(): Shared {
  if (shared) return shared;
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const handlers = new Map<number, (reply: Reply) => void>();
  worker.on('message', (reply: Reply) => handlers.get(reply.id)?.(reply));
  // A worker that dies fails every layer still hashing (none waits forever).
  const fail = (error: Error): void => {
    shared = undefined;
    for (const [id, handle] of handlers) handle({ id, error });
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the hashing thread stopped (exit code ${code})`)));
  worker.unref();
  shared = { worker, handlers, nextId: 0, waits: 0 };
  return shared;
}

/** `promise`, with the worker kept alive (ref'd) until it settles. */
function waitingOn<T>(w: Shared, promise: Promise<T>): Promise<T> {
  if (w.waits++ === 0) w.worker.ref();
  return promise.finally(() => {
    if (--w.waits === 0) w.worker.unref();
  });
}

export interface DiffIdHasher {
  /** Takes a copy of `chunk`; a promise when every buffer is with the worker (await it before the next). */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** `sha256:<hex>` of every byte given. */
  digest(): Promise<string>;
}

export function diffIdHasher(): DiffIdHasher {
  const free: Uint8Array[] = [];
  const made: Uint8Array[] = [];
  let filling: Uint8Array | undefined;
  let used = 0;
  let job: { id: number; w: Shared; failed?: Error; waiting?: (error?: Error) => void; done?: (reply: Reply) => void } | undefined;

  const take = (): Uint8Array | undefined => {
    const buffer = free.pop();
    if (buffer || made.length === BUFFERS) return buffer;
    made.push(new Uint8Array(BUFFER_BYTES));
    return made[made.length - 1];
  };
  const start = (): NonNullable<typeof job> => {
    const w = hashWorker();
    const j: NonNullable<typeof job> = { id: w.nextId++, w };
    w.handlers.set(j.id, (reply) => {
      if (reply.bytes) free.push(new Uint8Array(reply.bytes));
      else w.handlers.delete(j.id);
      if (reply.error) j.failed = reply.error;
      const wake = j.waiting;
      j.waiting = undefined;
      wake?.(reply.error);
      if (!reply.bytes) j.done?.(reply);
    });
    return j;
  };
  const send = (buffer: Uint8Array, length: number): void => {
    job ??= start();
    if (job.failed) throw job.failed;
    job.w.worker.postMessage({ id: job.id, bytes: buffer.buffer, length }, [buffer.buffer as ArrayBuffer]);
  };
  /** The bytes in hand go to the worker once every buffer is full (a small layer never starts it). */
  const flushIfFull = (): void => {
    if (used < BUFFER_BYTES) return;
    if (free.length === 0 && made.length === BUFFERS && !job) for (const b of made) send(b, BUFFER_BYTES);
    else if (job) send(filling!, BUFFER_BYTES);
    filling = undefined;
    used = 0;
  };

  const update = (chunk: Uint8Array): Promise<void> | undefined => {
    let at = 0;
    while (at < chunk.length) {
      filling ??= take();
      if (!filling) {
        const j = job!;
        if (j.failed) throw j.failed;
        const returned = new Promise<void>((resolve, reject) => (j.waiting = (error) => (error ? reject(error) : resolve())));
        return waitingOn(j.w, returned).then(() => update(chunk.subarray(at)));
      }
      const n = Math.min(chunk.length - at, BUFFER_BYTES - used);
      filling.set(chunk.subarray(at, at + n), used);
      used += n;
      at += n;
      flushIfFull();
    }
    return undefined;
  };

  const digest = (): Promise<string> => {
    if (!job) {
      // Everything is still here, in the order the buffers were taken.
      const hash = createHash('sha256');
      for (const b of made) if (b !== filling) hash.update(b);
      if (filling) hash.update(filling.subarray(0, used));
      return Promise.resolve(`sha256:${hash.digest('hex')}`);
    }
    const j = job;
    if (filling && used > 0) send(filling, used);
    filling = undefined;
    if (j.failed) return Promise.reject(j.failed);
    const answer = new Promise<string>((resolve, reject) => {
      j.done = (reply) => (reply.error ? reject(reply.error) : resolve(`sha256:${reply.digest!}`));
    });
    j.w.worker.postMessage({ id: j.id });
    return waitingOn(j.w, answer);
  };
  return { update, digest };
}
