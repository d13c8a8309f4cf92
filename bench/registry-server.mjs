// A distribution registry (Debian's docker-registry) on a free loopback port, for the benches that read
// from one; storage under `dir`. Resolves once it listens.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export async function startRegistry(dir) {
  mkdirSync(dir, { recursive: true });
  const port = await new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = server.address();
      server.close(() => resolve(p));
    });
  });
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`,
  );
  const registry = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise((resolve, reject) => {
    let log = '';
    registry.stderr.on('data', (d) => {
      log += d;
      if (/listening on/.test(log)) resolve();
    });
    registry.once('exit', () => reject(new Error(log)));
  });
  return { host: `127.0.0.1:${port}`, stop: () => registry.kill() };
}
