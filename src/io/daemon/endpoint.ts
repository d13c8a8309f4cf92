// Where a container engine listens, resolved once (flags, env, docker contexts) and then only dialled.
// Plain data: connection code reads it, nothing here touches the network or process.env.
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';

/** TLS material for a tcp endpoint, already read from disk (PEM text). */
export interface TlsMaterial {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  /** false = encrypt but accept any server certificate (context SkipTLSVerify, DOCKER_TLS without VERIFY). */
  readonly verify: boolean;
}

interface EndpointBase {
  /** Canonical address shown in messages: unix:///var/run/docker.sock, tcp://h:2376, ssh://root@h:2222. */
  readonly url: string;
  /** Why this endpoint was chosen: '--host', 'DOCKER_HOST', 'context "ci"', 'default socket'… */
  readonly origin: string;
}

export interface UnixEndpoint extends EndpointBase {
  readonly kind: 'unix';
  readonly socketPath: string;
}

export interface TcpEndpoint extends EndpointBase {
  readonly kind: 'tcp';
  readonly host: string;
  readonly port: number;
  readonly tls?: TlsMaterial;
}

/** Reached like the docker CLI does: `ssh [-l user] [-p port] host docker system dial-stdio`. */
export interface SshEndpoint extends EndpointBase {
  readonly kind: 'ssh';
  readonly host: string;
  readonly user?: string;
  readonly port?: number;
}

export type DaemonEndpoint = UnixEndpoint | TcpEndpoint | SshEndpoint;

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/** The docker CLI's config directory (contexts, credentials): DOCKER_CONFIG, else ~/.docker. */
export const dockerConfigDir = (env: Record<string, string | undefined>, home: string): string =>
  env.DOCKER_CONFIG || join(home, '.docker');

const usage = (host: string, why: string): LayerscopeError =>
  new LayerscopeError(
    'usage',
    `cannot use daemon host "${host}": ${why}`,
    'use unix:///path/to.sock, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT]',
  );

/**
 * Parses a -H / DOCKER_HOST / context host like the docker CLI: `unix://`, `tcp://` (a bare
 * `host:port` is tcp), `ssh://`; tcp defaults to port 2376 with TLS and 2375 without.
 */
export function parseDaemonHost(text: string, origin: string, tls?: TlsMaterial): DaemonEndpoint {
  const host = text.trim();
  // docker accepts `tcp://:2375` for localhost; URL does not.
  const withScheme = (host.includes('://') ? host : `tcp://${host}`).replace(/^tcp:\/\/:/i, 'tcp://127.0.0.1:');
  const scheme = withScheme.slice(0, withScheme.indexOf('://')).toLowerCase();
  if (scheme === 'unix') {
    const socketPath = withScheme.slice('unix://'.length) || DEFAULT_DOCKER_SOCKET;
    return { kind: 'unix', socketPath, url: `unix://${socketPath}`, origin };
  }
  if (scheme !== 'tcp' && scheme !== 'ssh') {
    throw usage(host, scheme === 'npipe' || scheme === 'fd' ? `${scheme}:// sockets are not supported` : `unknown scheme "${scheme}://"`);
  }
  let url: URL;
  try {
    // tcp:// and ssh:// are not "special" schemes to URL, so no default port is dropped (tcp://h:80).
    url = new URL(`${scheme}${withScheme.slice(scheme.length)}`);
  } catch {
    throw usage(host, 'not a valid address');
  }
  if (url.pathname !== '' && url.pathname !== '/') throw usage(host, 'a path is not allowed here');
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (scheme === 'ssh') {
    if (!hostname) throw usage(host, 'no host name');
    const user = url.username ? decodeURIComponent(url.username) : undefined;
    const port = url.port ? Number(url.port) : undefined;
    const shown = `ssh://${user ? `${user}@` : ''}${url.host}`;
    return { kind: 'ssh', host: hostname, user, port, url: shown, origin };
  }
  const port = url.port ? Number(url.port) : tls ? 2376 : 2375;
  const name = hostname || '127.0.0.1';
  const shownHost = name.includes(':') ? `[${name}]` : name;
  return { kind: 'tcp', host: name, port, tls, url: `tcp://${shownHost}:${port}`, origin };
}
