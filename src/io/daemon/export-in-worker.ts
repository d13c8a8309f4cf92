// Main-thread side of export-worker.ts: the worker's pieces become a Readable for the archive reader,
// its failures become the same LayerscopeErrors the in-thread path throws. Only the built code has
// the worker (dist/…/export-worker.js); from TypeScript sources (tests) the export stays in-thread.
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LayerscopeError, type ErrorKind } from '../../core/errors.js';
import { COALESCE_BYTES, type ExportJob, type ExportStream } from './export-stream.js';

export type FromExportWorker =
  | { readonly type: 'started' }
  | { readonly type: 'data'; readonly chunk: ArrayBuffer }
  | { readonly type: 'end' }
  | { readonly type: 'failed'; readonly error: { readonly kind?: ErrorKind; readonly message: string; readonly hint?: string } };

export type ToExportWorker = { readonly type: 'ack'; readonly bytes: number } | { readonly type: 'stop' };

const WORKER_FILE = new URL('./export-worker.js', import.meta.url);

export const exportWorkerAvailable = (): boolean =>
  WORKER_FILE.protocol === 'file:' && existsSync(fileURLToPath(WORKER_FILE));

function revive(error: (FromExportWorker & { type: 'failed' })['error']): Error {
  // No kind means a bug in the worker: keep it a plain Error so the CLI treats it as one.
  return error.kind ? new LayerscopeError(error.kind, error.message, error.hint) : new Error(error.message);
}

/** Starts the export on a worker thread; resolves once the daemon accepted it (or rejects like exportImage). */
export function openExportStreamInWorker(job: ExportJob, signal?: AbortSignal): Promise<ExportStream> {
  // Not unref'd: while the reader waits for pieces, the worker is all that keeps the process alive.
  const worker = new Worker(WORKER_FILE, { workerData: job });
  let unacked = 0;
  let failure: LayerscopeError | undefined;
  let settle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  const complete = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  complete.catch(() => {}); // observed through the stream or by the caller
  const stop = (): void => worker.postMessage({ type: 'stop' } satisfies ToExportWorker);
  const stream = new Readable({
    highWaterMark: 8 * COALESCE_BYTES,
    // The reader has room again: let the worker count what it took as no longer in flight.
    read: () => {
      if (unacked === 0) return;
      worker.postMessage({ type: 'ack', bytes: unacked } satisfies ToExportWorker);
      unacked = 0;
    },
    destroy: (err, callback) => {
      stop();
      callback(err);
    },
  });
  const onAbort = (): void => { stream.destroy(new LayerscopeError('source', 'cancelled')); };
  signal?.addEventListener('abort', onAbort, { once: true });
  return new Promise((resolve, reject) => {
    let started = false;
    let finished = false;
    worker.on('message', (message: FromExportWorker) => {
      switch (message.type) {
        case 'started':
          started = true;
          resolve({ stream, complete, failure: () => failure });
          return;
        case 'data':
          unacked += message.chunk.byteLength;
          stream.push(Buffer.from(message.chunk));
          return;
        case 'end':
          finished = true;
          signal?.removeEventListener('abort', onAbort);
          stream.push(null);
          settle!.resolve();
          return;
        case 'failed': {
          finished = true;
          signal?.removeEventListener('abort', onAbort);
          const error = revive(message.error);
          if (!started) return reject(error);
          if (error instanceof LayerscopeError) failure = error;
          settle!.reject(error);
          stream.destroy(error);
        }
      }
    });
    const broke = (err: Error): void => {
      if (finished) return;
      finished = true;
      if (!started) return reject(err);
      settle!.reject(err);
      stream.destroy(err);
    };
    worker.once('error', broke);
    worker.once('exit', (code) => broke(new Error(`the export worker stopped (exit code ${code}) before the export ended`)));
  });
}
