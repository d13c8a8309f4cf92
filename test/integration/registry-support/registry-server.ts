// Debian's docker-registry (the distribution registry) on loopback, with its own storage and config:
// plain HTTP, HTTPS with a test CA, htpasswd basic auth, or bearer tokens from a test token server.
// Also usable from a script: `startRegistry()` returns the address and a stop().
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../daemon-support/commands.js';
import { run } from '../daemon-support/commands.js';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

export interface RegistryOptions {
  /** Address to listen on (default 127.0.0.1; another local address tests the loopback rule). */
  readonly address?: string;
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly htpasswd?: { readonly user: string; readonly password: string };
  readonly token?: { readonly realm: string; readonly service: string; readonly issuer: string; readonly rootCertBundle: string };
}

export interface RunningRegistry {
  /** host:port, as a reference names it (`127.0.0.1:5123`). */
  readonly host: string;
  readonly port: number;
  readonly storage: string;
  stop(): Promise<void>;
}

/** A bcrypt htpasswd line: distribution accepts only bcrypt. libxcrypt's crypt() makes one (through perl). */
export async function htpasswdLine(user: string, password: string): Promise<string> {
  const salt = Array.from(
    { length: 22 },
    () => './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 64)],
  ).join('');
  const { stdout } = await run('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, `$2b$05$${salt}`]);
  if (!stdout.startsWith('$2b$')) throw new Error('this libc crypt() has no bcrypt; install apache2-utils and use htpasswd -B');
  return `${user}:${stdout}\n`;
}

function configYaml(dir: string, port: number, opts: RegistryOptions, htpasswdFile?: string): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    `  filesystem:`,
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: ${opts.address ?? '127.0.0.1'}:${port}`,
  ];
  if (opts.tls) lines.push('  tls:', `    certificate: ${opts.tls.cert}`, `    key: ${opts.tls.key}`);
  if (htpasswdFile) lines.push('auth:', '  htpasswd:', '    realm: layerscope-test', `    path: ${htpasswdFile}`);
  if (opts.token) {
    const t = opts.token;
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${t.realm}`,
      `    service: ${t.service}`,
      `    issuer: ${t.issuer}`,
      `    rootcertbundle: ${t.rootCertBundle}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-registry-'));
  const port = await freePort();
  let htpasswdFile: string | undefined;
  if (opts.htpasswd) {
    htpasswdFile = join(dir, 'htpasswd');
    writeFileSync(htpasswdFile, await htpasswdLine(opts.htpasswd.user, opts.htpasswd.password));
  }
  const config = join(dir, 'config.yml');
  writeFileSync(config, configYaml(dir, port, opts, htpasswdFile));
  const child = spawn(REGISTRY_BIN, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when it says it listens (its own log line: no polling, no sleeping).
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (/listening on/.test(log)) resolve();
    });
    void exited.then(() => reject(new Error(`docker-registry exited: ${log.slice(-2000)}`)));
  });
  return {
    host: `${opts.address ?? '127.0.0.1'}:${port}`,
    port,
    storage: join(dir, 'data'),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
