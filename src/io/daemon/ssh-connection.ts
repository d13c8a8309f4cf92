// ssh:// endpoints, reached the way the docker CLI reaches them: run the system's ssh client with
// `docker system dial-stdio` on the far side and speak HTTP over its stdin/stdout. Using the real ssh
// (not a JS implementation) honours ~/.ssh/config, keys, known_hosts and agents exactly as the user's
// docker CLI does. BatchMode makes a missing key fail at once instead of prompting.
import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import { LayerscopeError } from '../../core/errors.js';
import type { SshEndpoint } from './endpoint.js';
import { engineLabel, type Engine } from './connection-errors.js';
import type { DaemonConnection } from './daemon-connection.js';

/** How long to wait for ssh's exit status once a request has failed (it usually exits at once). */
const EXIT_WAIT_MS = 3_000;

export function sshArgs(endpoint: SshEndpoint, timeoutMs: number): string[] {
  const args = [
    '-o',
    'BatchMode=yes',
    '-o',
    `ConnectTimeout=${Math.max(1, Math.round(timeoutMs / 1000))}`,
    // A host that vanishes mid-export must not leave us waiting forever.
    '-o',
    'ServerAliveInterval=10',
    '-o',
    'ServerAliveCountMax=3',
  ];
  if (endpoint.user) args.push('-l', endpoint.user);
  if (endpoint.port) args.push('-p', String(endpoint.port));
  return [...args, '--', endpoint.host, 'docker', 'system', 'dial-stdio'];
}

const tryCommand = (e: SshEndpoint): string => `ssh${e.port ? ` -p ${e.port}` : ''} ${e.user ? `${e.user}@` : ''}${e.host} docker version`;

/** The line of ssh's stderr that says what went wrong, without the "ssh: connect to host … :" preamble. */
export function sshReason(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('Warning: Permanently added'));
  const last = lines.at(-1) ?? '';
  return last.replace(/^ssh: /, '').replace(/^connect to host \S+ port \d+: /, '');
}

interface SshOutcome {
  readonly code: number | null;
  readonly spawnError?: Error;
}

export function describeSshFailure(
  endpoint: SshEndpoint,
  engine: Engine,
  outcome: SshOutcome | undefined,
  stderr: string,
  err: unknown,
): LayerscopeError {
  const cause = { cause: err };
  if ((outcome?.spawnError as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    return new LayerscopeError(
      'source',
      `cannot reach ${endpoint.url}: no ssh client found`,
      'install the OpenSSH client (apt install openssh-client)',
      cause,
    );
  }
  const reason = sshReason(stderr);
  if (outcome?.code === 255 || (outcome === undefined && reason)) {
    return new LayerscopeError(
      'source',
      `ssh to ${endpoint.url} failed: ${reason || 'connection closed'}`,
      `check that "${tryCommand(endpoint)}" works without a prompt (key in ~/.ssh, host key in known_hosts)`,
      cause,
    );
  }
  if (reason) {
    return new LayerscopeError(
      'source',
      `${engineLabel(engine)} behind ${endpoint.url} did not answer: ${reason}`,
      `docker must be installed and running on the remote host (try: ${tryCommand(endpoint)})`,
      cause,
    );
  }
  return new LayerscopeError(
    'source',
    `connection to ${endpoint.url} broke: ${(err as Error).message}`,
    `try: ${tryCommand(endpoint)}`,
    cause,
  );
}

export function openSshConnection(endpoint: SshEndpoint, engine: Engine, timeoutMs: number): DaemonConnection {
  const child = spawn('ssh', sshArgs(endpoint, timeoutMs), { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000);
  });
  let outcome: SshOutcome | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (spawnError) => {
      outcome = { code: null, spawnError };
      resolve();
    });
    child.once('close', (code) => {
      outcome ??= { code };
      resolve();
    });
  });
  const socket = Duplex.from({ readable: child.stdout, writable: child.stdin });
  socket.once('close', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  });
  return {
    socket,
    describeFailure: async (err) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        exited,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, EXIT_WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
      return describeSshFailure(endpoint, engine, outcome, stderr, err);
    },
  };
}
