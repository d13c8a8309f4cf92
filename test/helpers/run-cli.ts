// Runs programs as a user would and collects what they print: the BUILT CLI (`node bin/layerscope.js`;
// `npm test` builds first) with a clean environment — no CI, step summary or colour variables unless a
// test passes them — and any other command (docker, skopeo).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'bin/layerscope.js');

export interface CliRun { code: number | null; stdout: string; stderr: string }
export interface RunOptions { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: Buffer }

export function runCommand(command: string, args: readonly string[], opts: RunOptions = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    if (opts.stdin) child.stdin!.on('error', () => {}).end(opts.stdin);
  });
}

export function cli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string>; stdin?: Buffer } = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  for (const key of ['CI', 'GITHUB_STEP_SUMMARY', 'NO_COLOR', 'FORCE_COLOR']) if (!opts.env || !(key in opts.env)) delete env[key];
  return runCommand(process.execPath, [BIN, ...args], { ...opts, env });
}
