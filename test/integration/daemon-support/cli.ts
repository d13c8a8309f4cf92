// Runs the built CLI (`node bin/layerscope.js`) the way a user would, and checks the error contract:
// exit code 2, one message line and one hint line on stderr, nothing on stdout, within seconds.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';

const CLI = resolve('bin/layerscope.js');

export const cliBuilt = (): boolean => existsSync(resolve('dist/cli/main.js'));

export interface CliRun {
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
  readonly ms: number;
}

/** Runs the CLI with a clean environment plus `env`; `uid` runs it as another user (tests run as root). */
export function runCli(args: readonly string[], env: Record<string, string>, uid?: number): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent', DOCKER_CONFIG: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('close', (code) => done({ code, stderr, stdout, ms: Date.now() - started }));
  });
}

export function expectOneLineError(result: CliRun, message: RegExp, hint: RegExp): void {
  const lines = result.stderr.trimEnd().split('\n');
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^\s+hint: /);
  expect(lines[1]).toMatch(hint);
  expect(result.ms).toBeLessThan(10_000);
}
