// The daemon's refusals and answers from servers that are not container engines, as one-line errors;
// alike for the dockerode client and the calls read off a plain socket.
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import { engineLabel, tlsFailure, type Engine } from './connection-errors.js';
import { daemonMessage } from './engine-answers.js';
import type { EngineAddress } from './engine-types.js';

export interface HttpError extends Error {
  statusCode: number;
  json?: unknown;
}

/** Response headers by lower-case name, from whichever client read them. */
export interface HeaderLookup {
  get(name: string): string | undefined;
}

/** Docker and podman stamp every answer with their API version; proxies and other servers do not. */
export const hasEngineVersion = (headers: HeaderLookup): boolean =>
  headers.get('api-version') !== undefined || headers.get('libpod-api-version') !== undefined;

/** Which engine build answered: what it exports for an image depends on it (Docker <= 24 names layers <v1 id>/layer.tar, 25+ by digest). */
export const engineBuild = (headers: HeaderLookup): string =>
  `${headers.get('server') ?? ''}; api ${headers.get('api-version') ?? ''}; libpod api ${headers.get('libpod-api-version') ?? ''}`;

/** The error for an answer that came from some other server than a container engine. */
export const notAnEngine = (endpoint: DaemonEndpoint, engine: Engine, status: number, server: string | undefined): LayerscopeError =>
  new LayerscopeError(
    'source',
    `the server at ${endpoint.url} is not ${engineLabel(engine)}: HTTP ${status} without an API version${server ? ` (server: ${server})` : ''}`,
    `check the address (from ${endpoint.origin})`,
  );

/**
 * The error for an answer without an API version; `body` is what was read of it: Go's TLS server
 * answers plain HTTP with a bare 400 of its own, before any daemon sees the request.
 */
export function foreignAnswer(
  endpoint: DaemonEndpoint,
  engine: Engine,
  status: number,
  headers: HeaderLookup,
  body: string,
): LayerscopeError {
  if (/HTTP request to an HTTPS server/i.test(body)) {
    return tlsFailure(endpoint, engine, 'the daemon expects TLS, but TLS is not configured (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH)');
  }
  return notAnEngine(endpoint, engine, status, headers.get('server'));
}

/** The daemon's own words from an HTTP error: `{"message"}`, or what docker-modem put in its message. */
function httpErrorText(err: HttpError): string {
  const json = err.json;
  if (json && typeof json === 'object' && !Buffer.isBuffer(json) && typeof (json as { message?: unknown }).message === 'string') {
    return (json as { message: string }).message.trim();
  }
  if (Buffer.isBuffer(json) || typeof json === 'string') return daemonMessage(json.toString());
  return daemonMessage(/^\(HTTP code \d+\) .*? - ([\s\S]*)$/.exec(err.message)?.[1] ?? '');
}

export const statusText = (err: HttpError): string => httpErrorText(err) || `HTTP ${err.statusCode}`;

export const refused = (target: EngineAddress, what: string, err: HttpError): LayerscopeError =>
  new LayerscopeError(
    'source',
    `${engineLabel(target.engine)} at ${target.endpoint.url} refused to ${what}: ${statusText(err)}`,
    `${target.engine} info  # is the daemon healthy?`,
  );

/** The engine could not parse the reference (400): the user's to fix, not the daemon's health. */
export const badReference = (target: EngineAddress, ref: string, err: HttpError): LayerscopeError =>
  new LayerscopeError(
    'usage',
    `'${ref}' is not an image reference ${engineLabel(target.engine)} accepts: ${statusText(err).replace(/^no such image: .*?: (?=invalid reference)/, '')}`,
    'write NAME[:TAG] in lower case (registry/name:tag), NAME@sha256:…, or an image id',
  );
