// Worker-thread entry: receives the export (export-stream.ts) and posts it to the main thread in 1 MB
// pieces. Reading the socket here keeps it drained while the main thread parses tar: a daemon can only
// run ahead of its reader by the socket buffer (~200 KB), so on one thread sending and parsing take
// turns; here they overlap.
import { parentPort, workerData } from 'node:worker_threads';
import { isLayerscopeError } from '../../core/errors.js';
import { openExportStream, type ExportJob } from './export-stream.js';
import type { FromExportWorker, ToExportWorker } from './export-in-worker.js';

/** Bytes posted but not yet taken by the main thread's reader, above which reading pauses. */
const MAX_IN_FLIGHT = 64 << 20;

const port = parentPort!;
const post = (message: FromExportWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

function serialise(err: unknown): FromExportWorker & { type: 'failed' } {
  if (isLayerscopeError(err)) return { type: 'failed', error: { kind: err.kind, message: err.message, hint: err.hint } };
  return { type: 'failed', error: { message: String((err as Error)?.stack ?? err) } };
}

/** A transferable copy of `piece` (moved without copying when it owns its whole ArrayBuffer). */
function transferable(piece: Buffer): ArrayBuffer {
  if (piece.byteOffset === 0 && piece.byteLength === piece.buffer.byteLength && piece.buffer instanceof ArrayBuffer) {
    return piece.buffer;
  }
  const copy = new Uint8Array(piece.byteLength);
  copy.set(piece);
  return copy.buffer;
}

async function main(job: ExportJob): Promise<void> {
  const controller = new AbortController();
  let inFlight = 0;
  let paused = false;
  let exported: Awaited<ReturnType<typeof openExportStream>> | undefined;
  port.on('message', (message: ToExportWorker) => {
    if (message.type === 'stop') {
      controller.abort();
      exported?.stream.destroy();
      port.close();
      return;
    }
    inFlight -= message.bytes;
    if (paused && inFlight <= MAX_IN_FLIGHT / 2) {
      paused = false;
      exported?.stream.resume();
    }
  });
  try {
    exported = await openExportStream(job, controller.signal);
  } catch (err) {
    post(serialise(err));
    port.close();
    return;
  }
  post({ type: 'started' });
  const { stream } = exported;
  stream.on('data', (piece: Buffer) => {
    const buffer = transferable(piece);
    inFlight += buffer.byteLength;
    post({ type: 'data', chunk: buffer }, [buffer]);
    if (inFlight > MAX_IN_FLIGHT && !paused) {
      paused = true;
      stream.pause();
    }
  });
  stream.once('error', (err) => {
    post(serialise(exported?.failure() ?? err));
    port.close();
  });
  stream.once('end', () => {
    exported!.complete.then(() => post({ type: 'end' }), (err: unknown) => post(serialise(err))).finally(() => port.close());
  });
}

void main(workerData as ExportJob);
