// Which podman API socket to use: CONTAINER_HOST (podman's own variable), else the root socket for
// uid 0, else the rootless one under XDG_RUNTIME_DIR. Podman serves the Docker-compatible API there.
import { LayerscopeError } from '../../core/errors.js';
import { parseDaemonHost, type DaemonEndpoint } from './endpoint.js';

export interface PodmanEndpointInput {
  readonly env: Record<string, string | undefined>;
  readonly home: string;
  readonly uid: number;
}

export const ROOT_PODMAN_SOCKET = '/run/podman/podman.sock';

export function resolvePodmanEndpoint(input: PodmanEndpointInput): DaemonEndpoint {
  const host = input.env.CONTAINER_HOST;
  if (host) {
    // podman's ssh form names the remote socket (ssh://u@h/run/podman/podman.sock); there is no
    // dial-stdio on the far side to reach it with, so only local sockets and tcp are supported.
    if (/^ssh:\/\//i.test(host)) {
      throw new LayerscopeError(
        'usage',
        `CONTAINER_HOST=${host}: podman over ssh is not supported`,
        'forward the socket (ssh -L /tmp/podman.sock:/run/podman/podman.sock HOST) and set CONTAINER_HOST=unix:///tmp/podman.sock',
      );
    }
    return parseDaemonHost(host, 'CONTAINER_HOST');
  }
  if (input.uid === 0) {
    return { kind: 'unix', socketPath: ROOT_PODMAN_SOCKET, url: `unix://${ROOT_PODMAN_SOCKET}`, origin: 'podman root socket' };
  }
  const runtimeDir = input.env.XDG_RUNTIME_DIR || `/run/user/${input.uid}`;
  const socketPath = `${runtimeDir}/podman/podman.sock`;
  return { kind: 'unix', socketPath, url: `unix://${socketPath}`, origin: 'podman rootless socket' };
}
