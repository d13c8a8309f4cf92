// An HTTP proxy in front of a test registry that misbehaves on purpose: flips a byte in one blob,
// answers 429 a number of times, or drops the connection halfway through a blob (once).
import { createServer, request, type Server } from 'node:http';
import { freePort } from '../daemon-support/commands.js';

export interface Faults {
  /** Flip one byte in the middle of this blob every time it is served. */
  flipBlob?: string;
  /** Answer this many requests with 429 before passing them on (Infinity: always). */
  tooManyRequests?: number;
  /** Cut the connection after half of this blob, the first time it is served. */
  dropBlobOnce?: string;
}

export interface FaultProxy {
  readonly host: string;
  readonly faults: Faults;
  /** Requests seen, as "METHOD path [range]", and "not HTTP" for what was not (a TLS handshake). */
  readonly log: string[];
  stop(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const faults: Faults = {};
  const log: string[] = [];
  let dropped = false;
  const server: Server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}${req.headers.range ? ` ${req.headers.range}` : ''}`);
    if ((faults.tooManyRequests ?? 0) > 0) {
      faults.tooManyRequests! -= 1;
      res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' }).end('{"errors":[{"code":"TOOMANYREQUESTS"}]}');
      return;
    }
    const [host, port] = target.split(':');
    const upstream = request(
      { host, port: Number(port), method: req.method, path: req.url, headers: { ...req.headers, host: target } },
      (up) => {
        const path = req.url ?? '';
        const flip = faults.flipBlob !== undefined && path.endsWith(`/blobs/${faults.flipBlob}`);
        const drop = !dropped && faults.dropBlobOnce !== undefined && path.endsWith(`/blobs/${faults.dropBlobOnce}`) && !req.headers.range;
        res.writeHead(up.statusCode ?? 502, up.headers);
        const length = Number(up.headers['content-length'] ?? 0);
        let offset = 0;
        up.on('data', (chunk: Buffer) => {
          const middle = Math.floor(length / 2);
          if (flip && middle >= offset && middle < offset + chunk.length) chunk[middle - offset] = chunk[middle - offset]! ^ 0x20;
          if (drop && offset + chunk.length > middle) {
            dropped = true;
            up.destroy();
            // Cut only once the first half has left (a destroy straight away could drop it unsent).
            res.write(chunk.subarray(0, middle - offset), () => res.socket?.destroy());
            return;
          }
          offset += chunk.length;
          res.write(chunk);
        });
        up.on('end', () => res.end());
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const port = await freePort();
  // As Node's default does: a 400 and hang up (a TLS client then sees a server that does not speak TLS).
  server.on('clientError', (_error, socket) => {
    log.push('not HTTP');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${port}`,
    faults,
    log,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
