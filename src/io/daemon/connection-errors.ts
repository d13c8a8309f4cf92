// Turns low-level socket failures into the one-line messages and hints users see. Every message names
// the address tried; every hint says what to do next.
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';

export type Engine = 'docker' | 'podman';

/** How far a connection got before it failed: decides between "not reachable" and "TLS failed". */
export type ConnectPhase = 'connecting' | 'handshaking' | 'open';

export const engineLabel = (engine: Engine): string => (engine === 'docker' ? 'the Docker daemon' : 'podman');

/** Raised by connections that gave up waiting; code lets the mapping below treat it like ETIMEDOUT. */
export class ConnectTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly seconds: number) {
    super(`no answer within ${seconds} s`);
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOENT: 'no such socket',
  ETIMEDOUT: 'no answer in time',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
};

const errCode = (err: unknown): string => String((err as { code?: unknown }).code ?? '');

function notRunningHint(endpoint: DaemonEndpoint, engine: Engine): string {
  if (engine === 'podman') {
    return `start podman's API service: systemctl start podman.socket (rootless: systemctl --user start podman.socket), or podman system service --time=0 ${endpoint.url}`;
  }
  if (endpoint.origin === 'default socket')
    return 'start it (e.g. sudo systemctl start docker), or point --host, DOCKER_HOST or --context at a running daemon';
  return `start it, or fix the address (it comes from ${endpoint.origin})`;
}

export function isTlsError(err: unknown, phase: ConnectPhase): boolean {
  const code = errCode(err);
  if (/CERT|SSL|TLS|SIGNATURE|EPROTO|ISSUER/.test(code)) return true;
  return phase === 'handshaking' && !(err instanceof ConnectTimeoutError);
}

/** OpenSSL's messages span lines and name source files; say what happened instead. */
export function tlsReason(err: unknown): string {
  const code = errCode(err);
  const message = String((err as Error).message ?? err);
  if (/ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)/.test(code)) {
    return 'the daemon rejected the client certificate (wrong one, or none sent)';
  }
  if (/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT/.test(code)) {
    return `the daemon's certificate is not signed by the CA in ca.pem (${message})`;
  }
  if (/wrong version number|packet length too long/i.test(message)) return 'the server does not speak TLS';
  const openssl = /SSL routines:[^:]*:([^:]+):/.exec(message);
  return (openssl?.[1] ?? message.split('\n')[0] ?? message).trim();
}

export function tlsFailure(endpoint: DaemonEndpoint, engine: Engine, reason: string, cause?: unknown): LayerscopeError {
  return new LayerscopeError(
    'source',
    `TLS with ${engineLabel(engine)} at ${endpoint.url} failed: ${reason}`,
    `check the CA and client certificate (DOCKER_CERT_PATH, DOCKER_TLS_VERIFY or the context's TLS files; address from ${endpoint.origin})`,
    { cause },
  );
}

/** Failure to reach a unix or tcp endpoint (ssh has its own, see ssh-connection.ts). */
export function connectFailure(endpoint: DaemonEndpoint, engine: Engine, err: unknown, phase: ConnectPhase): LayerscopeError {
  const code = errCode(err);
  const label = engineLabel(engine);
  if (endpoint.kind === 'tcp' && endpoint.tls && isTlsError(err, phase)) {
    return tlsFailure(endpoint, engine, tlsReason(err), err);
  }
  if (endpoint.kind === 'unix' && code === 'EACCES') {
    return new LayerscopeError(
      'source',
      `permission denied on ${endpoint.url}`,
      engine === 'docker'
        ? 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or run with sudo'
        : 'run as the user who owns the podman socket, or use your rootless socket',
      { cause: err },
    );
  }
  if (endpoint.kind === 'unix' && (code === 'ENOENT' || code === 'ECONNREFUSED')) {
    const question = engine === 'docker' ? 'is it running?' : 'is its API service running?';
    return new LayerscopeError('source', `cannot connect to ${label} at ${endpoint.url}: ${question}`, notRunningHint(endpoint, engine), {
      cause: err,
    });
  }
  const reason = err instanceof ConnectTimeoutError ? err.message : (REASONS[code] ?? (err as Error).message);
  return new LayerscopeError(
    'source',
    `cannot connect to ${label} at ${endpoint.url}: ${reason}`,
    endpoint.kind === 'tcp'
      ? `check the host and port (from ${endpoint.origin}) and that the daemon listens there`
      : notRunningHint(endpoint, engine),
    { cause: err },
  );
}
