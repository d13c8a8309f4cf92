// Whether a daemon's export may go into the layer cache under the diff ids the daemon gives its layers,
// unhashed (ReadOptions.trustedProducer). The daemon computed them itself when it stored each layer
// (pulled, loaded or built), so hashing the export again checks only the daemon. Trusted: a daemon on a
// unix socket that root made, since root can write this user's cache anyway. Not: tcp and ssh daemons,
// and a socket any user made (an `ssh -L` forward of another host's daemon is one): those are hashed.
import { stat } from 'node:fs/promises';
import type { DaemonEndpoint } from './endpoint.js';

export async function daemonIsTrusted(endpoint: DaemonEndpoint): Promise<boolean> {
  if (endpoint.kind !== 'unix') return false;
  const info = await stat(endpoint.socketPath).catch(() => undefined);
  return info !== undefined && info.isSocket() && info.uid === 0;
}
