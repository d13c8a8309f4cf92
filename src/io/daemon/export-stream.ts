// The export body as a guarded stream: if the daemon stops mid-export (killed, crashed, connection
// lost) the stream fails with a one-line source error, so no reader can mistake a cut-off archive for
// a whole one. Also re-chunks the body into 1 MB pieces for the tar parser.
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';
import type { EngineAgent } from './engine-agent.js';
import type { EngineTarget } from './engine-api.js';
import { engineApi } from './engine-calls.js';

/** What to export: plain data, so it can be handed to a worker thread as is. */
export interface ExportJob {
  readonly endpoint: DaemonEndpoint;
  readonly engine: Engine;
  /** The image id the inspect returned: exported by id, never by a tag that could move. */
  readonly imageId: string;
  /** What the user typed, for messages. */
  readonly ref: string;
}

export interface ExportStream {
  /** The tar stream; errors with a LayerscopeError if the export breaks off. */
  readonly stream: Readable;
  /** Resolves once the whole export arrived; rejects with the reason it did not. */
  readonly complete: Promise<void>;
  /** The export's failure, if it failed (set before `stream` errors). */
  failure(): LayerscopeError | undefined;
}

/** The daemon's HTTP chunks are 4-64 KB; the tar parser pays per chunk, so it gets pieces this big. */
export const COALESCE_BYTES = 1 << 20;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

export const stoppedSending = (job: ExportJob, received: number, reason: string, cause?: unknown): LayerscopeError =>
  new LayerscopeError(
    'source',
    `${engineLabel(job.engine)} at ${job.endpoint.url} stopped sending ${job.ref} after ${mb(received)}: ${reason}`,
    `check that it still runs (${job.engine} info) and try again`,
    { cause },
  );

export function guardExport(body: IncomingMessage, job: ExportJob): ExportStream {
  const stream = new PassThrough({ highWaterMark: 4 * COALESCE_BYTES });
  let received = 0;
  let failure: LayerscopeError | undefined;
  const fail = (reason: string, cause?: unknown): void => {
    if (failure) return;
    failure = stoppedSending(job, received, reason, cause);
    stream.destroy(failure);
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): boolean => {
    if (pendingBytes === 0) return true;
    const piece = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return stream.write(piece);
  };
  const complete = new Promise<void>((resolve, reject) => {
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= COALESCE_BYTES && !flush()) body.pause();
    });
    stream.on('drain', () => body.resume());
    body.once('error', (err) => fail(err.message, err));
    body.once('aborted', () => fail('connection closed'));
    body.once('end', () => {
      // `complete` is false when the connection ended before the chunked body did.
      if (!body.complete) fail('connection closed');
      else {
        flush();
        stream.end();
      }
    });
    body.once('close', () => {
      if (!failure && !body.complete) fail('connection closed');
      if (failure) reject(failure);
      else resolve();
    });
    stream.once('close', () => {
      if (!body.complete) body.destroy();
    });
  });
  complete.catch(() => {}); // observed through stream errors or by the caller
  return { stream, complete, failure: () => failure };
}

/** Starts the export on this thread. */
export async function openExportStream(job: ExportJob, signal?: AbortSignal, agent?: EngineAgent): Promise<ExportStream> {
  const target: EngineTarget = { endpoint: job.endpoint, engine: job.engine, ...(agent ? { agent } : {}) };
  // dockerode loads here, not with this module: a local export is read off the socket (raw-export.ts).
  const { exportImage } = await engineApi();
  return guardExport(await exportImage(target, job.imageId, signal), job);
}
