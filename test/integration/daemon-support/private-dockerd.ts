// A dockerd of the test's own (own socket, data-root, exec-root, pidfile), so tests may give it TLS or
// kill it mid-export without touching the shared daemon at /var/run/docker.sock.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, waitFor } from './commands.js';
import type { TestCerts } from './tls-certs.js';

export interface PrivateDockerd {
  /** unix://… of its own socket (plain, for loading images). */
  readonly unixHost: string;
  /** tcp://127.0.0.1:PORT when started with TLS. */
  readonly tcpHost?: string;
  readonly pid: number;
  /** Loads a `docker save` archive into it. */
  load(archive: string): Promise<void>;
  /** SIGKILL: the daemon dies as in a crash (its containerd is then stopped too). */
  kill(): void;
  /** Graceful stop and cleanup; safe after kill(). */
  stop(): Promise<void>;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** dockerd bind-mounts its data-root onto itself; a killed one leaves that mount behind. */
async function unmountUnder(dir: string): Promise<void> {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((target) => target === dir || target.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const target of mounts) await run('umount', [target]).catch(() => run('umount', ['-l', target]));
}

export async function startPrivateDockerd(opts: { tls?: TestCerts; tcpPort?: number } = {}): Promise<PrivateDockerd> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-dockerd-'));
  const socket = join(dir, 'docker.sock');
  const args = [
    '--iptables=false',
    '--bridge=none',
    '--data-root',
    join(dir, 'data'),
    '--exec-root',
    join(dir, 'exec'),
    '--pidfile',
    join(dir, 'dockerd.pid'),
    '-H',
    `unix://${socket}`,
  ];
  let tcpHost: string | undefined;
  if (opts.tls && opts.tcpPort) {
    tcpHost = `tcp://127.0.0.1:${opts.tcpPort}`;
    args.push(
      '-H',
      tcpHost,
      '--tlsverify',
      '--tlscacert',
      opts.tls.caFile,
      '--tlscert',
      opts.tls.serverCert,
      '--tlskey',
      opts.tls.serverKey,
    );
  }
  const child: ChildProcess = spawn('dockerd', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const containerdPid = (): number | undefined => {
    const file = join(dir, 'exec', 'containerd', 'containerd.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) || undefined : undefined;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const unixHost = `unix://${socket}`;
  try {
    await waitFor('the private dockerd', async () => {
      if (child.exitCode !== null) throw new Error(`dockerd exited: ${log}`);
      return run('docker', ['-H', unixHost, 'version'], undefined, 5_000).then(
        () => true,
        () => false,
      );
    });
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  let stopped = false;
  const stopContainerd = async (pid: number | undefined): Promise<void> => {
    if (pid === undefined || !alive(pid)) return;
    process.kill(pid, 'SIGTERM');
    await waitFor('containerd to stop', () => !alive(pid), 20_000).catch(() => process.kill(pid, 'SIGKILL'));
  };
  return {
    unixHost,
    tcpHost,
    pid: child.pid!,
    load: async (archive) => {
      await run('docker', ['-H', unixHost, 'load', '-q', '-i', archive]);
    },
    kill: () => {
      const pid = containerdPid();
      child.kill('SIGKILL');
      void exited.then(() => stopContainerd(pid));
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      const pid = containerdPid();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      await stopContainerd(pid);
      await unmountUnder(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
