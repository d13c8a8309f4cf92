// Runs programs as a user would and collects what they print: the BUILT CLI (`node bin/layerscope.js`;
// `npm test` builds first) with a clean environment — no CI, step summary or colour variables unless a
// test passes them — and any other command (docker, skopeo).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/layerscope.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}
/** `uid` runs the command as another user (tests run as root, which passes every permission check). */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: Buffer;
  uid?: number;
}

export function runCommand(command: string, args: readonly string[], opts: RunOptions = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? ROOT,
      env: opts.env ?? process.env,
      stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
    if (opts.stdin) child.stdin!.on('error', () => {}).end(opts.stdin);
  });
}

/**
 * Runs `run` with `env` given an empty layer cache of its own, unless the test names one: every run
 * then reads its image cold (a cache shared by tests would answer a test's damaged layer with another
 * test's intact one). Tests that pass XDG_CACHE_HOME (the cache tests) share theirs between runs.
 */
export async function withOwnCache(env: NodeJS.ProcessEnv, run: (env: NodeJS.ProcessEnv) => Promise<CliRun>): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ls-test-cache-'));
  try {
    return await run({ ...env, XDG_CACHE_HOME: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function cli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; stdin?: Buffer } = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const key of ['CI', 'GITHUB_STEP_SUMMARY', 'NO_COLOR', 'FORCE_COLOR']) if (!opts.env || !(key in opts.env)) delete env[key];
  // Tests that set XDG_CACHE_HOME themselves (the content tests' layer store) keep it.
  if (opts.env?.XDG_CACHE_HOME) return runCommand(process.execPath, [BIN, ...args], { ...opts, env });
  return withOwnCache(env, (fresh) => runCommand(process.execPath, [BIN, ...args], { ...opts, env: fresh }));
}

/**
 * The contract for expected failures: exit 2 within seconds, nothing on stdout, and on stderr exactly
 * one `layerscope: …` line matching `message` and one `  hint: …` line (matching `hint` when given).
 */
export function expectOneLineError(run: CliRun, message: RegExp, hint?: RegExp): void {
  const lines = run.stderr.trimEnd().split('\n');
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^layerscope: /);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^ {2}hint: /);
  if (hint) expect(lines[1]).toMatch(hint);
  expect(run.ms).toBeLessThan(10_000);
}
