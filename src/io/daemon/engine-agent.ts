// The transport dockerode speaks through: layerscope's own connections (unix, tcp+TLS, ssh dial-stdio)
// wrapped as an http.Agent. Endpoint resolution, TLS material and the connect timeout stay ours:
// docker-modem's own `timeout`/`connectionTimeout` would also fire on exports whose headers come late,
// and it reaches ssh hosts without ~/.ssh/config or known_hosts.
import { Agent, type AgentOptions, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import type { DaemonEndpoint } from './endpoint.js';
import type { Engine } from './connection-errors.js';
import { engineBuild, foreignAnswer, hasEngineVersion, type HeaderLookup } from './engine-errors.js';
import { CONNECT_TIMEOUT_MS, openConnection, type DaemonConnection } from './connection.js';

const headersOf = (res: IncomingMessage): HeaderLookup => ({
  get: (name) => (res.headers[name] === undefined ? undefined : String(res.headers[name])),
});

type AddRequest = (this: Agent, req: ClientRequest, options: unknown) => void;

/** One agent per Engine API call, or per read (keepAlive): it remembers its connection, so a failure can be explained. */
export class EngineAgent extends Agent {
  private connection: DaemonConnection | undefined;
  /** The first answer that did not come from a container engine, if any. */
  private foreign: IncomingMessage | undefined;
  /**
   * Which engine build answered (its Server and API-version headers), once one has: what it exports
   * for an image depends on it (Docker <= 24 names layers <v1 id>/layer.tar, 25+ by digest).
   */
  answeredBy: string | undefined;

  /**
   * `keepAlive`: the connection outlives a request, for the next call of the same read (session.ts);
   * whoever made the agent destroys it when the read ends.
   */
  constructor(
    readonly endpoint: DaemonEndpoint,
    readonly engine: Engine,
    private readonly connectTimeoutMs = CONNECT_TIMEOUT_MS,
    keepAlive = false,
  ) {
    // servername '' (Node's own way to say none): the connections are ours, TLS included, and Node would
    // otherwise work one out for every request, testing the Host with net.isIP, whose IPv6 expression
    // costs ~10 ms to compile on first use and ~2 ms more on the next: a tenth of the time before the
    // first byte of a daemon read is asked for.
    super({ keepAlive, maxSockets: keepAlive ? 1 : Infinity, servername: '' } as AgentOptions);
  }

  // Node's keep-alive calls these on the socket; an ssh connection is a plain Duplex over ssh's stdio,
  // which has neither TCP keep-alive nor ref/unref (the agent's owner ends it, not the event loop).
  override keepSocketAlive(socket: Duplex & { setKeepAlive?: (on: boolean) => void; unref?: () => void }): boolean {
    socket.setKeepAlive?.(true);
    socket.unref?.();
    return true;
  }

  override reuseSocket(socket: Duplex & { ref?: () => void }): void {
    socket.ref?.();
  }

  override createConnection(): Duplex {
    this.connection = openConnection(this.endpoint, this.engine, this.connectTimeoutMs);
    return this.connection.socket;
  }

  /** Node calls this for every request the agent carries (agent-base hooks the same method). */
  addRequest(req: ClientRequest, options: unknown): void {
    req.prependListener('response', (res: IncomingMessage) => {
      if (!hasEngineVersion(headersOf(res))) this.foreign ??= res;
      else this.answeredBy ??= engineBuild(headersOf(res));
      // docker-modem follows a Location itself, through Node's global agent (around this one), and an
      // error on that second request is unhandled: a redirect is answered as the status it is.
      delete res.headers.location;
    });
    (Agent.prototype as unknown as { addRequest: AddRequest }).addRequest.call(this, req, options);
  }

  /**
   * When the server was not a container engine, the error saying so; `body` is what the call saw of
   * the answer (Go's TLS server answers plain HTTP with a bare 400 of its own, before any daemon sees it).
   */
  foreignServer(body: string): LayerscopeError | undefined {
    const res = this.foreign;
    if (!res) return undefined;
    res.destroy();
    return foreignAnswer(this.endpoint, this.engine, res.statusCode ?? 0, headersOf(res), body);
  }

  /** Explains a transport failure (refused, timed out, TLS, ssh) in one line. */
  async describeFailure(err: unknown): Promise<LayerscopeError> {
    if (!this.connection) {
      return new LayerscopeError('source', `cannot reach ${this.endpoint.url}: ${(err as Error).message}`, undefined, { cause: err });
    }
    return this.connection.describeFailure(err);
  }
}
