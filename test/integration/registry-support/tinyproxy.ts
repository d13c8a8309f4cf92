// Debian's tinyproxy on loopback, with a config the test writes: a real HTTP proxy (CONNECT for https,
// absolute-URI requests for http), optionally with basic auth. Its log (stdout in the foreground) says
// which requests went through it.
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../daemon-support/commands.js';

export const TINYPROXY_BIN = '/usr/bin/tinyproxy';
export const tinyproxyInstalled = (): boolean => existsSync(TINYPROXY_BIN);

export interface RunningProxy {
  readonly url: string;
  readonly port: number;
  mark(): number;
  /**
   * The log from `mark` on (a mark taken before a run isolates that run's requests), once every request
   * made before the call is in it: a request of our own goes through last, and its line is awaited.
   */
  logSince(mark: number): Promise<string>;
  stop(): Promise<void>;
}

export async function startTinyproxy(opts: { basicAuth?: { user: string; password: string } } = {}): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-tinyproxy-'));
  const port = await freePort();
  const config = join(dir, 'tinyproxy.conf');
  // No ConnectPort line: CONNECT to any port (the registry's is random). No LogFile: the log goes to stdout.
  const lines = ['Port ' + port, 'Listen 127.0.0.1', 'Timeout 30', 'LogLevel Info', 'MaxClients 20'];
  if (opts.basicAuth) lines.push(`BasicAuth ${opts.basicAuth.user} ${opts.basicAuth.password}`);
  writeFileSync(config, `${lines.join('\n')}\n`);
  let sentinels = 0;
  const child = spawn(TINYPROXY_BIN, ['-d', '-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const waiters: (() => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when it says so (its own log line: no polling, no sleeping).
  await new Promise<void>((resolve, reject) => {
    const take = (d: Buffer): void => {
      log += d.toString();
      for (const wake of waiters.splice(0)) wake();
      if (/Accepting connections/.test(log)) resolve();
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    void exited.then(() => reject(new Error(`tinyproxy exited: ${log.slice(-2000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    mark: () => log.length,
    async logSince(mark) {
      const sentinel = `last-${++sentinels}.invalid`;
      const logged = new Promise<void>((resolve) => {
        const check = (): void => (log.includes(sentinel) ? resolve() : void waiters.push(check));
        check();
      });
      request({ host: '127.0.0.1', port, path: `http://${sentinel}/` }, (res) => res.resume())
        .on('error', () => {})
        .end();
      await logged;
      return log.slice(mark);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
