// Which daemons' exports go into the layer cache unhashed: one on a unix socket root made, and no other
// (root can write this user's cache anyway; a socket anyone else made may be a forward of another host).
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { daemonIsTrusted } from '../../../src/io/daemon/daemon-trust.js';

const asRoot = process.getuid?.() === 0;
let dir = '';
let server: Server | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-trust-'));
});
afterEach(async () => {
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const listening = async (path: string): Promise<void> => {
  server = createServer();
  await new Promise<void>((done) => server!.listen(path, done));
};
const unix = (socketPath: string) => ({ kind: 'unix' as const, socketPath, url: `unix://${socketPath}`, origin: 'test' });

describe('daemonIsTrusted', () => {
  it('a socket this process made is trusted exactly when this process is root', async () => {
    const path = join(dir, 'd.sock');
    await listening(path);
    expect(await daemonIsTrusted(unix(path))).toBe(asRoot);
  });

  it.skipIf(!asRoot)('a socket owned by another user is not', async () => {
    const path = join(dir, 'd.sock');
    await listening(path);
    chownSync(path, 65534, 65534);
    expect(await daemonIsTrusted(unix(path))).toBe(false);
  });

  it('a file that is not a socket, or no file, is not', async () => {
    writeFileSync(join(dir, 'plain'), '');
    expect(await daemonIsTrusted(unix(join(dir, 'plain')))).toBe(false);
    expect(await daemonIsTrusted(unix(join(dir, 'missing.sock')))).toBe(false);
  });

  it('tcp and ssh daemons are not, wherever they are', async () => {
    expect(await daemonIsTrusted({ kind: 'tcp', host: '127.0.0.1', port: 2375, url: 'tcp://127.0.0.1:2375', origin: 'test' })).toBe(false);
    expect(await daemonIsTrusted({ kind: 'ssh', host: 'localhost', url: 'ssh://localhost', origin: 'test' })).toBe(false);
  });
});
