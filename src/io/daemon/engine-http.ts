// Minimal HTTP over a daemon connection. We speak to the Engine API directly (node:http + our own
// connections) rather than through dockerode/docker-modem: docker-modem reads process.env itself
// (DOCKER_HOST / DOCKER_TLS_VERIFY would leak past --context), its ssh transport ignores ~/.ssh/config
// and known_hosts, and it has no connect timeout. Paths are unversioned, so every daemon answers in
// its own API version (Engine 29 refuses clients that pin a version below 1.44).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import { ConnectTimeoutError, engineLabel, tlsFailure, type Engine } from './connection-errors.js';
import { openConnection, type DaemonConnection } from './connection.js';

export interface EngineRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, e.g. `/images/abc/json`. */
  readonly path: string;
  readonly signal?: AbortSignal;
  /** Give up when no response headers arrive in this time (not used for exports, which may start late). */
  readonly responseTimeoutMs?: number;
}

const aborted = (): LayerscopeError =>
  new LayerscopeError('source', 'cancelled', undefined);

/** Docker and podman stamp every answer with their API version; proxies and other servers do not. */
const isEngineResponse = (res: IncomingMessage): boolean =>
  res.headers['api-version'] !== undefined || res.headers['libpod-api-version'] !== undefined;

function notAnEngine(endpoint: DaemonEndpoint, engine: Engine, res: IncomingMessage): LayerscopeError {
  const server = res.headers.server ? ` (server: ${res.headers.server})` : '';
  return new LayerscopeError('source',
    `the server at ${endpoint.url} is not ${engineLabel(engine)}: HTTP ${res.statusCode} without an API version${server}`,
    `check the address (from ${endpoint.origin})`);
}

/** Sends a request and resolves with the response (any status); connection failures become LayerscopeErrors. */
export function engineRequest(endpoint: DaemonEndpoint, engine: Engine, req: EngineRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (req.signal?.aborted) return reject(aborted());
    let connection: DaemonConnection | undefined;
    let timer: NodeJS.Timeout | undefined;
    let settled = false;
    const request = httpRequest({
      method: req.method,
      path: req.path,
      host: endpoint.kind === 'tcp' ? endpoint.host : 'localhost',
      headers: { Accept: 'application/json, application/x-tar' },
      createConnection: () => (connection = openConnection(endpoint, engine)).socket as never,
      signal: req.signal,
    });
    if (req.responseTimeoutMs) {
      const seconds = req.responseTimeoutMs / 1000;
      timer = setTimeout(() => request.destroy(new ConnectTimeoutError(seconds)), req.responseTimeoutMs);
    }
    request.once('response', (res) => {
      settled = true;
      clearTimeout(timer);
      if (isEngineResponse(res)) return resolve(res);
      // Go's TLS server answers plain HTTP with a bare 400 of its own, before any daemon sees it.
      readText(res, 64 * 1024).catch(() => '').then((body) => reject(/HTTP request to an HTTPS server/i.test(body)
        ? tlsFailure(endpoint, engine, 'the daemon expects TLS, but TLS is not configured (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)')
        : notAnEngine(endpoint, engine, res)));
    });
    request.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (req.signal?.aborted) return reject(aborted());
      if (!connection) return reject(new LayerscopeError('source', `cannot reach ${endpoint.url}: ${err.message}`, undefined, { cause: err }));
      connection.describeFailure(err).then(reject, reject);
    });
    request.end();
  });
}

/** Reads a (small) response body as text; bounded so a confused server cannot fill memory. */
export async function readText(res: IncomingMessage, limit = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.destroy();
      throw new LayerscopeError('source', `the daemon sent more than ${limit} bytes where a short answer was expected`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The daemon's error text: `{"message": …}` in JSON, or the plain body. */
export function daemonMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message.trim();
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.trim().split('\n')[0] ?? '';
}
