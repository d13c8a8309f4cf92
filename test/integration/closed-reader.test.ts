// A reader that closes before the output ends (`layerscope diff --help | head -1`): the command ends
// without a stack trace and with its own exit code. The pipe's read end is closed before the child has
// even started, so its first write always meets EPIPE — no timing involved.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';

function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('output to a reader that went away', () => {
  it.each([[['--help']], [['diff', '--help']], [['completion', 'bash']], [['--version']]])('%j ends quietly with 0', async (args) => {
    const run = await runWithClosedStdout(args);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });
});
