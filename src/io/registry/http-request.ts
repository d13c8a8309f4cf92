// One HTTP(S) request with node:http/https (no fetch: Node 20's fetch is undici, whose TLS trust cannot
// be extended with SSL_CERT_FILE per request and whose errors hide the socket codes we map to messages).
import * as http from 'node:http';
import * as https from 'node:https';
import type { SecureContext } from 'node:tls';

export interface HttpResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: http.IncomingMessage;
  /** Set when a proxy refused to open the CONNECT tunnel: this response is the proxy's, not the registry's. */
  readonly tunnelRefused?: boolean;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'HEAD' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** No answer in this long is a dropped connection (default IDLE_TIMEOUT_MS; tests shorten it). */
  readonly idleTimeoutMs?: number;
  /** Trusted CAs for https, built once (parsing a few hundred roots per connection costs milliseconds). */
  readonly secureContext?: SecureContext;
  readonly agent: http.Agent;
  readonly signal?: AbortSignal;
}

/** No answer (connect, headers or the next body chunk) in this long is a dropped connection. */
export const IDLE_TIMEOUT_MS = 20_000;

export class IdleTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`no answer within ${ms / 1000} s`);
  }
}

export function httpRequest(url: URL, opts: RequestOptions): Promise<HttpResponse> {
  const secure = url.protocol === 'https:';
  const request = secure ? https.request : http.request;
  const idleMs = opts.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: opts.method ?? 'GET',
      headers: { 'user-agent': 'layerscope', ...opts.headers },
      agent: opts.agent,
      ...(secure && opts.secureContext ? { secureContext: opts.secureContext } : {}),
      timeout: idleMs,
      signal: opts.signal,
    });
    req.on('timeout', () => req.destroy(new IdleTimeoutError(idleMs)));
    // The socket's idle timer restarts as the TLS handshake writes: a server that takes the connection
    // and never answers its hello held each try 40 s, not 20. This one runs from the request to its head.
    const headless = setTimeout(() => req.destroy(new IdleTimeoutError(idleMs)), idleMs);
    req.on('close', () => clearTimeout(headless));
    req.on('error', reject);
    // https-proxy-agent answers a refused CONNECT by replaying the proxy's response as this request's.
    let tunnelRefused = false;
    req.on('proxyConnect', (connect: { statusCode?: number }) => {
      tunnelRefused = connect.statusCode !== undefined && connect.statusCode !== 200;
    });
    req.on('response', (res) => {
      clearTimeout(headless);
      // The same bound while the body streams: a stalled blob is a dropped connection, retried.
      res.setTimeout(idleMs, () => res.destroy(new IdleTimeoutError(idleMs)));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, ...(tunnelRefused ? { tunnelRefused } : {}) });
    });
    req.end(opts.body);
  });
}

/** A body that went past the cap readBody was given: what was asked for is not what came. */
export class BodyTooLarge extends RangeError {
  constructor(readonly cap: number) {
    super(`response larger than ${cap} bytes`);
  }
}

/** Reads a whole (small) body, refusing more than `cap` bytes. */
export async function readBody(res: HttpResponse, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > cap) {
      res.body.destroy();
      throw new BodyTooLarge(cap);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Throws away a body we do not need, so the connection can be reused. */
export function discard(res: HttpResponse): void {
  res.body.resume();
}
