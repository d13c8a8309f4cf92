// Registry failures → one line naming the registry (never a credential) and a hint.
import { LayerscopeError } from '../../core/errors.js';
import { IdleTimeoutError } from './http-request.js';

const errCode = (err: unknown): string => String((err as { code?: unknown }).code ?? '');

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'no answer in time',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

/** Why a connection failed, in words (ECONNREFUSED → connection refused). */
export const connectionReason = (err: unknown): string =>
  err instanceof IdleTimeoutError ? err.message : (REASONS[errCode(err)] ?? String((err as Error).message ?? err).split('\n')[0]!);

/** The connection itself could not be made (as opposed to dropped, or refused by TLS). */
export const isConnectFailure = (err: unknown): boolean =>
  ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(errCode(err));

/** Worth another try: the connection dropped or stalled (a refused or unknown host will not change). */
export function isTransient(err: unknown): boolean {
  const code = errCode(err);
  return (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ETIMEDOUT' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (/socket hang up|aborted/i.test(String((err as Error).message)) && code !== 'ABORT_ERR')
  );
}

export function isCertificateError(err: unknown): boolean {
  return /CERT|ISSUER|SIGNATURE|SELF_SIGNED|ERR_TLS_CERT_ALTNAME_INVALID|UNABLE_TO_VERIFY/.test(errCode(err));
}

/** The server answered a TLS hello with plain HTTP. */
export function isNotTls(err: unknown): boolean {
  return (
    /wrong version number|packet length too long|http request/i.test(String((err as Error).message ?? '')) ||
    (errCode(err) === 'EPROTO' && !isCertificateError(err))
  );
}

function tlsReason(err: unknown): string {
  const code = errCode(err);
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED/.test(code))
    return 'its certificate is not signed by a CA we trust';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'its certificate is for another host name';
  if (/EXPIRED/.test(code)) return 'its certificate has expired';
  return code || String((err as Error).message).split('\n')[0]!;
}

export function networkFailure(registry: string, err: unknown): LayerscopeError {
  if (err instanceof LayerscopeError) return err;
  if (isNotTls(err)) {
    return new LayerscopeError(
      'source',
      `registry ${registry} does not speak HTTPS`,
      `plain HTTP is used only for loopback registries and with --insecure-registry ${registry}`,
      { cause: err },
    );
  }
  if (isCertificateError(err) || errCode(err) === 'EPROTO') {
    return new LayerscopeError(
      'source',
      `TLS with registry ${registry} failed: ${tlsReason(err)}`,
      "add the registry's CA with SSL_CERT_FILE=ca.pem or NODE_EXTRA_CA_CERTS=ca.pem (plain HTTP: --insecure-registry HOST)",
      { cause: err },
    );
  }
  return new LayerscopeError(
    'source',
    `cannot reach registry ${registry}: ${connectionReason(err)}`,
    'check the registry name and port, that it is up, and your network',
    { cause: err },
  );
}

export function accessDenied(registry: string, repository: string, status: number, withCredentials: boolean): LayerscopeError {
  const what = status === 403 ? 'forbids' : 'refused';
  return new LayerscopeError(
    'source',
    `registry ${registry} ${what} access to ${repository} (${status}${status === 403 ? ' forbidden' : ' unauthorized'})`,
    withCredentials
      ? `check the credentials stored for ${registry} (docker login ${registry}), and that the repository exists`
      : `log in first (docker login ${registry}); or the repository does not exist`,
  );
}

export function loginFailed(registry: string, status: number): LayerscopeError {
  return new LayerscopeError(
    'source',
    `login to registry ${registry} failed (${status}): wrong username or password`,
    `log in again: docker login ${registry}`,
  );
}

export type Missing = 'repository' | 'tag' | 'digest' | 'unknown';

export function notFound(registry: string, what: string, missing: Missing, tags: readonly string[]): LayerscopeError {
  const reason = { repository: 'no such repository', tag: 'no such tag', digest: 'no such digest', unknown: 'no such repository or tag' }[
    missing
  ];
  const shown = tags.slice(0, 8).join(', ') + (tags.length > 8 ? `, … (${tags.length} tags)` : '');
  const hint =
    missing === 'repository'
      ? 'check the repository name (and the registry)'
      : tags.length > 0
        ? `its tags: ${shown}`
        : 'check the tag or digest';
  return new LayerscopeError('source', `${what} not found on registry ${registry}: ${reason}`, hint);
}

export function gaveUp(registry: string, status: number, tries: number): LayerscopeError {
  if (status === 429) {
    return new LayerscopeError(
      'source',
      `registry ${registry} rate-limits us (429 Too Many Requests) and did not stop after ${tries} tries`,
      `wait a while and try again, or log in (docker login ${registry}) for a higher limit`,
    );
  }
  return new LayerscopeError(
    'source',
    `registry ${registry} failed with HTTP ${status} ${tries} times`,
    'the registry has a problem; try again later',
  );
}

export function unexpected(registry: string, what: string, status: number): LayerscopeError {
  return new LayerscopeError(
    'source',
    `registry ${registry} answered HTTP ${status} for ${what}`,
    'is this a container registry (the /v2/ API)?',
  );
}

export function digestMismatch(registry: string, what: string, want: string, got: string): LayerscopeError {
  return new LayerscopeError(
    'source',
    `${what} from registry ${registry} does not match its digest ${want} (got ${got})`,
    'the registry, or something between it and you, corrupted it; try again',
  );
}
