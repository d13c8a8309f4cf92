// Loopback servers that misbehave the two ways a timeout is for: one accepts connections and never
// answers; one never accepts (its listen queue is full, so the kernel drops new SYNs and connect() hangs).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { createInterface } from 'node:readline';

export interface MuteServer {
  /** Bytes received so far (a request arrived, so the connection was open). */
  received(): number;
  close(): Promise<void>;
}

/** Accepts on `where` (a unix socket path, or 0 for a loopback TCP port) and never writes a byte. */
export async function startMuteServer(where: string | number): Promise<MuteServer & { port?: number }> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    socket.on('close', () => sockets.delete(socket));
  });
  if (typeof where === 'string') server.listen(where);
  else server.listen(where, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : undefined,
    received: () => received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export interface FullBacklogServer {
  readonly port: number;
  close(): Promise<void>;
}

// Node's net.Server accepts every connection itself, so a socket that listens and never accepts is
// made with perl (perl-base is part of every Debian system): listen(2) with a backlog of 0.
const LISTEN_NEVER_ACCEPT = `
use Socket;
socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!";
bind($s, pack_sockaddr_in(0, inet_aton("127.0.0.1"))) or die "bind: $!";
listen($s, 0) or die "listen: $!";
my ($port) = unpack_sockaddr_in(getsockname($s));
$| = 1;
print "$port\\n";
<STDIN>;
`;

/**
 * A loopback port whose accept queue is full: with backlog 0 Linux queues one connection, which this
 * helper makes itself; after that every SYN is dropped and a client's connect() waits until it gives up.
 */
export async function startFullBacklogServer(): Promise<FullBacklogServer> {
  const child: ChildProcess = spawn('perl', ['-e', LISTEN_NEVER_ACCEPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const port = Number(line);
  const filler = connect({ host: '127.0.0.1', port });
  await once(filler, 'connect');
  return {
    port,
    close: async () => {
      filler.destroy();
      const exited = once(child, 'exit');
      child.kill();
      await exited;
    },
  };
}

/**
 * Connections waiting in the accept queue of the loopback listener on `port` (rx_queue of its LISTEN
 * line in /proc/net/tcp). With backlog 0 the queue is full once this is 1.
 */
export function acceptQueueLength(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, , state, queues] = line.trim().split(/\s+/);
    if (local === `0100007F:${hexPort}` && state === '0A') return parseInt(queues!.split(':')[1]!, 16);
  }
  throw new Error(`no listener on 127.0.0.1:${port}`);
}
