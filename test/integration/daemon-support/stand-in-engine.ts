// A stand-in engine on a unix socket that writes its answers byte for byte (a real daemon cannot be made
// to send broken framing, stop mid-body or answer as another server), keeping each request's head.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDaemonHost, type DaemonEndpoint } from '../../../src/io/daemon/endpoint.js';

export interface StandInEngine {
  /** Each request's head, as it came. */
  readonly requests: string[];
  /** Listens, answering every request with `answer`; the endpoint to dial. */
  start(answer: (socket: Socket) => void): Promise<DaemonEndpoint>;
  /** Stops listening and removes the socket's folder. */
  close(): Promise<void>;
}

export function standInEngine(): StandInEngine {
  const dir = mkdtempSync(join(tmpdir(), 'ls-stand-in-engine-'));
  const requests: string[] = [];
  let server: Server | undefined;
  return {
    requests,
    async start(answer) {
      const path = join(dir, 'engine.sock');
      server = createServer((socket) => {
        let head = '';
        const onData = (chunk: Buffer): void => {
          head += chunk.toString('latin1');
          if (!head.includes('\r\n\r\n')) return;
          socket.off('data', onData);
          requests.push(head);
          answer(socket);
        };
        socket.on('data', onData);
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server!.listen(path, resolve));
      return parseDaemonHost(`unix://${path}`, 'test');
    },
    async close() {
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
