// The explorer over `ssh -t` to localhost (sshd from scripts/ci/sshd.sh): it draws and quits cleanly
// through a remote pty, keys batched by the link act as typed slowly, and when the connection drops the
// remote explorer exits instead of lingering.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { requireOrSkip } from '../helpers/integration.js';
import { writeE2eArchive } from './e2e-archive.js';
import { pasteAll, typeSlowly } from './key-sequence.js';
import { TmuxTerminal, shellQuote, tmuxAvailable } from './tmux.js';

const port = process.env.LAYERSCOPE_SSH_PORT ?? '2222';
const sshArgs = ['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-p', port, 'root@127.0.0.1'];
const sshWorks = (): boolean => spawnSync('ssh', [...sshArgs, 'true'], { stdio: 'ignore', timeout: 15_000 }).status === 0;
const run = requireOrSkip('tmux', tmuxAvailable()) && requireOrSkip(`sshd on 127.0.0.1:${port} (scripts/ci/sshd.sh start)`, sshWorks());

const terminals: TmuxTerminal[] = [];
afterEach(() => terminals.splice(0).forEach((t) => t.kill()));

/** Pids whose environment holds `marker` (the remote explorer, found without guessing by name). */
function pidsWithMarker(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) pids.push(Number(entry));
    } catch {
      /* gone or not ours */
    }
  }
  return pids;
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!run)('explorer over ssh -t', () => {
  let archive = '';
  beforeAll(() => {
    archive = writeE2eArchive(); // same machine: the remote side reads it from the same path
  });
  const remote = (marker: string, source = 'demo', env = '') =>
    `ssh -t ${sshArgs.join(' ')} ${shellQuote(`cd ${shellQuote(process.cwd())} && LANG=C.UTF-8 ${env} E2E_MARK=${marker} node bin/layerscope.js ${source}`)}`;

  test('draws, navigates and quits through a remote pty, leaving the terminal as it was', async () => {
    const t = new TmuxTerminal(80, 24);
    terminals.push(t);
    t.run(`clear; echo BEFORE-MARK; ${remote('quit')}; echo EXIT=$?`);
    await t.waitFor((s) => /Layers 1\/\d+/.test(s), 'the explorer over ssh');
    t.keys('j');
    await t.waitFor((s) => /Layers 2\/\d+/.test(s), 'layer 2');
    t.keys('Tab', '/');
    t.type('bin');
    await t.waitFor((s) => s.includes('Filter: bin_'), 'the filter');
    t.keys('Escape');
    await t.waitFor((s) => !s.includes('Filter:'), 'the filter cleared');
    t.keys('q');
    const s = await t.waitFor((x) => /EXIT=\d/.test(x), 'ssh to exit');
    expect(s).toContain('EXIT=0');
    expect(s).toContain('BEFORE-MARK');
    expect(s).not.toMatch(/Layers \d+\/\d+/);
    expect(t.pane('alternate_on')).toBe('0');
  });

  test('keys sent in one write through ssh end on the same screen as typed slowly', async () => {
    const open = async (): Promise<TmuxTerminal> => {
      const t = new TmuxTerminal(80, 24);
      terminals.push(t);
      t.run(`clear; ${remote('keys', archive, 'NO_COLOR=1')}; echo EXIT=$?`);
      await t.waitFor((s) => /Layers 1\/\d+/.test(s), 'the explorer over ssh');
      return t;
    };
    const slow = await open();
    await typeSlowly(slow);
    const want = await slow.waitFor(
      (x) => x.includes('[by size]') && x.includes('Filter: opt') && /Quit/.test(x.trimEnd().split('\n').at(-1)!),
      'the last key typed slowly',
    );
    const fast = await open();
    pasteAll(fast);
    await fast.waitFor((x) => x === want, `the screen typed slowly:\n${want}`);
    fast.paste('/x\x1b[Bq'); // and a q right after the filter line closes quits, in the same write
    expect(await fast.waitFor((x) => /EXIT=\d/.test(x), 'ssh to exit')).toContain('EXIT=0');
  });

  test('a dropped connection ends the remote explorer (SIGHUP), no process left behind', async () => {
    const marker = `drop-${randomBytes(4).toString('hex')}`;
    const t = new TmuxTerminal(80, 24);
    terminals.push(t);
    t.run(`clear; ${remote(marker)}; echo EXIT=$?`);
    await t.waitFor((s) => /Layers 1\/\d+/.test(s), 'the explorer over ssh');
    expect(pidsWithMarker(marker).length).toBeGreaterThan(0);
    const [client] = t.children();
    process.kill(client!, 'SIGKILL'); // the network goes away: sshd hangs up the remote session
    await waitUntil(() => pidsWithMarker(marker).length === 0, 'the remote explorer to exit');
  });
});
