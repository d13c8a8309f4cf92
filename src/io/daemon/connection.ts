// One stream to a daemon (unix socket, tcp, tcp+TLS or ssh) per request, or per read whose calls share
// it, with a connect timeout so a dead host fails in seconds, and a way to explain a failure once a
// request errors.
import { connect as netConnect, isIP, type OnReadOpts, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { DaemonEndpoint, TcpEndpoint } from './endpoint.js';
import { ConnectTimeoutError, connectFailure, type ConnectPhase, type Engine } from './connection-errors.js';
import { openSshConnection } from './ssh-connection.js';
import type { DaemonConnection } from './daemon-connection.js';

export const CONNECT_TIMEOUT_MS = 5_000;

export type { DaemonConnection } from './daemon-connection.js';

/** A request sent before anyone waits for it (early-requests.ts): it keeps the process alive only once held. */
export interface Detached {
  /** Set when the request is sent: from then on its connection keeps the process alive, as any other. */
  hold?: () => void;
}

/** The socket (and timer) of a detached request stop keeping the process alive, until held. */
export function detach(socket: object, detached: Detached | undefined, timer?: NodeJS.Timeout): void {
  if (!detached) return;
  // A plain socket's (detached requests are only made on a local socket); an ssh channel has no ref.
  const handle = socket as Partial<Pick<Socket, 'ref' | 'unref'>>;
  handle.unref?.();
  timer?.unref();
  detached.hold = () => {
    handle.ref?.();
    timer?.ref();
  };
}

function dialTcp(endpoint: TcpEndpoint, onread: OnReadOpts | undefined): Socket {
  const { host, port, tls } = endpoint;
  if (!tls) return netConnect({ host, port, ...(onread ? { onread } : {}) });
  if (onread) throw new Error('onread is for plain sockets only');
  return tlsConnect({
    host,
    port,
    // SNI must be a name, never an address.
    servername: isIP(host) ? undefined : host,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: tls.verify,
  });
}

/**
 * `onread`: the socket reads into the caller's buffer and hands it each read (no 'data' events); only for
 * a unix socket or plain tcp (raw-export.ts).
 */
export function openConnection(
  endpoint: DaemonEndpoint,
  engine: Engine,
  timeoutMs = CONNECT_TIMEOUT_MS,
  onread?: OnReadOpts,
): DaemonConnection {
  if (endpoint.kind === 'ssh') {
    if (onread) throw new Error('onread is for plain sockets only');
    return openSshConnection(endpoint, engine, timeoutMs);
  }
  const socket =
    endpoint.kind === 'unix' ? netConnect({ path: endpoint.socketPath, ...(onread ? { onread } : {}) }) : dialTcp(endpoint, onread);
  const usesTls = endpoint.kind === 'tcp' && endpoint.tls !== undefined;
  let phase: ConnectPhase = 'connecting';
  const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(timeoutMs / 1000)), timeoutMs);
  socket.once('connect', () => {
    phase = usesTls ? 'handshaking' : 'open';
    if (!usesTls) clearTimeout(timer);
  });
  socket.once('secureConnect', () => {
    phase = 'open';
    clearTimeout(timer);
  });
  socket.once('close', () => clearTimeout(timer));
  // Remember the phase the first error happened in: later errors are consequences.
  let failedIn: ConnectPhase | undefined;
  socket.once('error', () => {
    failedIn = phase;
  });
  return {
    socket,
    describeFailure: async (err) => connectFailure(endpoint, engine, err, failedIn ?? phase),
  };
}
