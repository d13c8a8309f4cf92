// Finds an image in a daemon (pulling only when asked) and opens its export as a stream. The stream is
// guarded: if the daemon stops mid-export (killed, crashed, connection lost) the stream fails with a
// one-line source error, so no reader can mistake a cut-off archive for a whole one.
import type { IncomingMessage } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import type { Platform } from '../read-options.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';
import { exportImage, inspectImage, pullImage, type EngineTarget, type ImageInspect } from './engine-api.js';
import { lookupReference } from './image-reference.js';

export interface DaemonExportOptions {
  readonly engine: Engine;
  readonly pull?: boolean;
  readonly platform?: Platform;
  readonly signal?: AbortSignal;
}

export interface DaemonExport {
  readonly image: ImageInspect;
  /** The tar stream; errors with a LayerscopeError if the export breaks off. */
  readonly stream: Readable;
  /** Resolves once the whole export arrived; rejects with the reason it did not. */
  readonly complete: Promise<void>;
  /** The export's failure, if it failed (set before `stream` errors). */
  failure(): LayerscopeError | undefined;
}

async function findImage(target: EngineTarget, ref: string, opts: DaemonExportOptions): Promise<ImageInspect> {
  const lookup = lookupReference(ref);
  const found = await inspectImage(target, lookup, opts.signal);
  if (found) return found;
  const where = `${engineLabel(target.engine)} at ${target.endpoint.url}`;
  if (!opts.pull) {
    throw new LayerscopeError('source', `image ${ref} is not in ${where}`,
      `${target.engine} pull ${lookup}  (or run again with --pull)`);
  }
  await pullImage(target, lookup, opts.platform, opts.signal);
  const pulled = await inspectImage(target, lookup, opts.signal);
  if (!pulled) throw new LayerscopeError('source', `image ${ref} is still not in ${where} after pulling it`, `${target.engine} images`);
  return pulled;
}

const COALESCE_BYTES = 1 << 20;

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

function guard(body: IncomingMessage, target: EngineTarget, ref: string): Omit<DaemonExport, 'image'> {
  const stream = new PassThrough({ highWaterMark: 4 << 20 });
  let received = 0;
  let failure: LayerscopeError | undefined;
  const fail = (reason: string, cause?: unknown): void => {
    if (failure) return;
    failure = new LayerscopeError('source',
      `${engineLabel(target.engine)} at ${target.endpoint.url} stopped sending ${ref} after ${mb(received)}: ${reason}`,
      `check that it still runs (${target.engine} info) and try again`, { cause });
    stream.destroy(failure);
  };
  // The daemon's HTTP chunks are 4-64 KB; the tar parser pays per chunk, so hand it bigger pieces.
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

/** Inspects (pulls when opts.pull and absent), then starts the export of exactly that image id. */
export async function openDaemonExport(ref: string, endpoint: DaemonEndpoint, opts: DaemonExportOptions): Promise<DaemonExport> {
  const target: EngineTarget = { endpoint, engine: opts.engine };
  const image = await findImage(target, ref, opts);
  // Export by id: the tag cannot move between inspect and export, and a bare name cannot export every tag.
  const body = await exportImage(target, image.Id, opts.signal);
  return { image, ...guard(body, target, ref) };
}
