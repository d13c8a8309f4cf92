// Proxy failures → one line naming the proxy as scheme://host:port (never its user or password) and the
// variable it came from, with a hint.
import { LayerscopeError } from '../../core/errors.js';
import { shownProxy, type ChosenProxy } from './proxy-rules.js';
import { connectionReason } from './registry-errors.js';

const named = (proxy: ChosenProxy): string => `proxy ${shownProxy(proxy.url)} (${proxy.from})`;

export function proxyUnreachable(proxy: ChosenProxy, registry: string, err: unknown): LayerscopeError {
  return new LayerscopeError(
    'source',
    `cannot reach ${named(proxy)} for registry ${registry}: ${connectionReason(err)}`,
    `check ${proxy.from} and that the proxy is up; or connect directly: NO_PROXY=${registry.replace(/:\d+$/, '')}`,
    { cause: err },
  );
}

export function proxyAuthRequired(proxy: ChosenProxy, registry: string): LayerscopeError {
  const given = proxy.url.username !== '' || proxy.url.password !== '';
  return new LayerscopeError(
    'source',
    `${named(proxy)} refused the request to registry ${registry}: ${given ? 'wrong user or password' : '407 Proxy Authentication Required'}`,
    given
      ? `check the user and password in ${proxy.from}`
      : `give the proxy's user and password in ${proxy.from}: http://USER:PASSWORD@${proxy.url.host}`,
  );
}

export function tunnelRefused(proxy: ChosenProxy, registry: string, status: number): LayerscopeError {
  return new LayerscopeError(
    'source',
    `${named(proxy)} would not connect to registry ${registry} (CONNECT answered HTTP ${status})`,
    `check that the proxy can reach ${registry} and allows CONNECT to its port; or connect directly: NO_PROXY=${registry.replace(/:\d+$/, '')}`,
  );
}
