// A connection to a daemon, whatever carries it (unix socket, TCP/TLS, ssh dial-stdio).
import type { Duplex } from 'node:stream';
import type { LayerscopeError } from '../../core/errors.js';

export interface DaemonConnection {
  readonly socket: Duplex;
  /** Explains why a request on this connection failed (waits briefly for e.g. ssh's exit status). */
  describeFailure(err: unknown): Promise<LayerscopeError>;
}
