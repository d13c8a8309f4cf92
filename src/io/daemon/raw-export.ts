// The export from a daemon on a unix socket or plain tcp, read off the socket into one reused buffer
// and decoded here (http-response-decoder.ts), not through Node's HTTP client. Why: the client reads
// every 64 KiB into a fresh buffer, its parser copies every body chunk into another, and the export
// stream then gathers those into 1 MiB pieces: three copies of the image, two of them into fresh memory
// (a page fault per 4 KiB, ~14 µs each on these VMs). Receiving debian-apt's 243 MB export took 0.75 s
// of CPU and 21k page faults through http.get, 0.26 s and 3k faults read this way; here the body is
// copied once, into the pieces. ssh and TLS connections keep dockerode's path (export-stream.ts).
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import { CONNECT_TIMEOUT_MS, detach, openConnection, type Detached } from './connection.js';
import { hasEngineVersion, notAnEngine, refused } from './engine-errors.js';
import { COALESCE_BYTES, stoppedSending, type ExportJob, type ExportStream } from './export-stream.js';
import { ExportPieces } from './export-pieces.js';
import { HttpFramingError, HttpResponseDecoder, type ResponseHead } from './http-response-decoder.js';
import { requestHead } from './raw-request.js';

/** The socket's read buffer: a unix socket hands over up to ~200 KiB a read. */
const READ_BYTES = 256 * 1024;
/** An error answer's body is read up to this much (the daemon's message is a line of JSON). */
const ERROR_BODY_BYTES = 64 * 1024;

/** Whether the export can be read this way: a plain socket, no TLS or ssh in between. */
export const readsRaw = (endpoint: DaemonEndpoint): boolean => endpoint.kind === 'unix' || (endpoint.kind === 'tcp' && !endpoint.tls);

/**
 * Starts `GET /images/get?names=ID`; resolves once the daemon answered 200 (as openExportStream).
 * `reusePieces`: the stream's chunks come from a ring of buffers (export-pieces.ts); only for a reader
 * that keeps nothing of them, so not when a layer store writes them out.
 */
export function openRawExport(job: ExportJob, signal?: AbortSignal, reusePieces = false, detached?: Detached): Promise<ExportStream> {
  if (signal?.aborted) return Promise.reject(new LayerscopeError('source', 'cancelled', undefined));
  let head: ResponseHead | undefined;
  let failure: LayerscopeError | undefined;
  /** Whether the stream was handed out (the answer was 200 and came from an engine). */
  let given = false;
  let received = 0;
  const errorBody: Buffer[] = [];
  let settle: { resolve: (s: ExportStream) => void; reject: (e: unknown) => void } | undefined;
  let finish: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  const complete = new Promise<void>((resolve, reject) => (finish = { resolve, reject }));
  complete.catch(() => {}); // observed through stream errors or by the caller
  const stream = new ExportPieces(
    COALESCE_BYTES,
    reusePieces,
    () => connection.socket.resume(),
    () => connection.socket.destroy(),
  );
  const exported: ExportStream = { stream, complete, failure: () => failure };
  const target = { endpoint: job.endpoint, engine: job.engine };

  const decoder = new HttpResponseDecoder({
    head: (h) => {
      head = h;
      if (!hasEngineVersion(h.headers)) throw notAnEngine(job.endpoint, job.engine, h.status, h.headers.get('server'));
      if (h.status === 200) {
        given = true;
        settle?.resolve(exported);
      }
    },
    body: (bytes) => {
      if (head?.status === 200) stream.add(bytes);
      else if (received < ERROR_BODY_BYTES) errorBody.push(Buffer.from(bytes.subarray(0, ERROR_BODY_BYTES - received)));
      received += bytes.length;
    },
    end: () => done(),
  });
  const done = (): void => {
    if (head?.status !== 200) {
      const text = Buffer.concat(errorBody).toString('utf8');
      fail(refused(target, `export ${job.ref}`, Object.assign(new Error(text), { statusCode: head?.status ?? 0, json: text })));
      return;
    }
    stream.finish();
    finish?.resolve();
    connection.socket.destroy();
  };
  const fail = (error: LayerscopeError): void => {
    if (failure) return;
    failure = error;
    connection.socket.destroy();
    finish?.reject(error);
    // Only a stream already handed out fails with the error: before that, no one listens for it.
    if (given) stream.fail(error);
    else {
      settle?.reject(error);
      stream.destroy();
    }
  };
  const failWith = (reason: string, cause?: unknown): void =>
    fail(cause instanceof LayerscopeError ? cause : stoppedSending(job, received, reason, cause));

  const connection = openConnection(job.endpoint, job.engine, CONNECT_TIMEOUT_MS, {
    buffer: Buffer.allocUnsafe(READ_BYTES),
    callback: (nread, buffer) => {
      try {
        decoder.push(buffer.subarray(0, nread));
      } catch (error) {
        failWith(error instanceof HttpFramingError ? `not a valid HTTP answer (${error.message})` : String(error), error);
        return false;
      }
      return !stream.behind; // false stops reading until the reader takes a piece
    },
  });
  const { socket } = connection;
  detach(socket, detached);
  const onAbort = (): void => failWith('cancelled', new LayerscopeError('source', 'cancelled', undefined));
  signal?.addEventListener('abort', onAbort, { once: true });
  socket.once('close', () => signal?.removeEventListener('abort', onAbort));
  socket.once('connect', () => socket.write(requestHead(job.endpoint, `/images/get?names=${encodeURIComponent(job.imageId)}`)));
  socket.on('error', (err) => {
    // Before the answer: the connection's own explanation (refused, no socket, permission denied).
    if (!head) void connection.describeFailure(err).then((e) => fail(e));
    else failWith(err.message, err);
  });
  socket.once('close', () => {
    if (failure || decoder.ended) return;
    // A body that ends with the connection (no length, not chunked), or an error answer cut short.
    if (decoder.endsAtClose || (head && head.status !== 200)) done();
    else if (!head) void connection.describeFailure(new Error('the connection closed before an answer')).then((e) => fail(e));
    else failWith('connection closed');
  });
  return new Promise<ExportStream>((resolve, reject) => (settle = { resolve, reject }));
}
