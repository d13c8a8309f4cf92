// A short Engine API answer (an inspect) read off a plain socket: one connection, the request written
// by hand, the answer decoded by http-response-decoder.ts. Why not dockerode here: a local read needs
// only the inspect and the export (raw-export.ts), and loading dockerode, docker-modem and Node's HTTP
// client for the inspect alone took ~45 ms of every such read's start (see the README's daemon section).
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import { CONNECT_TIMEOUT_MS, detach, openConnection, type Detached } from './connection.js';
import { ConnectTimeoutError } from './connection-errors.js';
import { answerMs, type EngineAddress } from './engine-types.js';
import { HttpResponseDecoder, type ResponseHead } from './http-response-decoder.js';

/** An inspect is a few KB; a server that sends more is not answering one. */
const ANSWER_LIMIT = 8 * 1024 * 1024;

/** `GET path` as dockerode sends it (Host: the tcp address, else localhost), and Connection: close. */
export function requestHead(endpoint: DaemonEndpoint, path: string): string {
  const host =
    endpoint.kind === 'tcp' ? `${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.port}` : 'localhost';
  return [`GET ${path} HTTP/1.1`, `Host: ${host}`, 'Accept: application/json, application/x-tar', 'Connection: close', '', ''].join('\r\n');
}

export interface RawAnswer {
  readonly head: ResponseHead;
  readonly body: Buffer;
}

const cancelled = (): LayerscopeError => new LayerscopeError('source', 'cancelled', undefined);

/**
 * `GET path` on a unix socket or plain tcp, the whole answer read (bounded by the answer timeout and
 * ANSWER_LIMIT). Transport failures are explained as the dockerode path explains them.
 */
export function rawGet(target: EngineAddress, path: string, signal?: AbortSignal, detached?: Detached): Promise<RawAnswer> {
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise<RawAnswer>((resolve, reject) => {
    const connection = openConnection(target.endpoint, target.engine, target.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
    const { socket } = connection;
    let head: ResponseHead | undefined;
    const body: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: RawAnswer | Promise<LayerscopeError> | LayerscopeError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (outcome instanceof Promise) void outcome.then(reject);
      else if (outcome instanceof LayerscopeError) reject(outcome);
      else resolve(outcome);
    };
    const answered = (): void => settle({ head: head!, body: Buffer.concat(body) });
    const decoder = new HttpResponseDecoder({
      head: (h) => (head = h),
      body: (bytes) => {
        size += bytes.length;
        if (size > ANSWER_LIMIT)
          throw new LayerscopeError('source', `the daemon sent more than ${ANSWER_LIMIT} bytes where a short answer was expected`);
        body.push(Buffer.from(bytes));
      },
      end: answered,
    });
    const onAbort = (): void => settle(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => settle(connection.describeFailure(new ConnectTimeoutError(answerMs(target) / 1000))), answerMs(target));
    detach(socket, detached, timer);
    socket.once('connect', () => socket.write(requestHead(target.endpoint, path)));
    socket.on('data', (bytes: Buffer) => {
      try {
        decoder.push(bytes);
      } catch (error) {
        settle(error instanceof LayerscopeError ? error : connection.describeFailure(error));
      }
    });
    socket.on('error', (err) => settle(connection.describeFailure(err)));
    socket.once('close', () => {
      if (head && (decoder.ended || decoder.endsAtClose)) answered();
      else settle(connection.describeFailure(new Error('the connection closed before a whole answer')));
    });
  });
}
