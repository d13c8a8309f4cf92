// A real terminal for end-to-end tests: one tmux server per test (its own socket), a shell in it,
// keys sent with send-keys, the screen read with capture-pane. Waits poll the screen, never sleep blind.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';

export const tmuxAvailable = (): boolean => spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

export class TmuxTerminal {
  readonly socket = `ls-e2e-${process.pid}-${randomBytes(3).toString('hex')}`;

  constructor(columns = 80, rows = 24, env: Record<string, string> = {}) {
    const exports = Object.entries({ LANG: 'C.UTF-8', ...env })
      .map(([k, v]) => `${k}=${shellQuote(v)}`)
      .join(' ');
    // A plain shell with a fixed prompt, started in the repository root.
    this.tmux(
      'new-session',
      '-d',
      '-x',
      String(columns),
      '-y',
      String(rows),
      '-s',
      'main',
      '-c',
      process.cwd(),
      `env -u CI -u CONTINUOUS_INTEGRATION PS1='$ ' ${exports} bash --norc --noprofile`,
    );
    this.tmux('set-option', '-t', 'main', 'status', 'off');
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types a shell command line and presses Enter. */
  run(command: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', command);
    this.tmux('send-keys', '-t', 'main', 'Enter');
  }

  /** Keys in tmux's names (j, Tab, C-a, Escape, PageDown, /…); each one sent on its own. */
  keys(...keys: string[]): void {
    for (const key of keys) this.tmux('send-keys', '-t', 'main', key);
  }

  /** Literal text, sent as typed characters. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'main', '-l', text);
  }

  /** Bytes written to the program in one write (tmux paste-buffer, no bracketed paste, no LF→CR). */
  paste(bytes: string): void {
    execFileSync('tmux', ['-L', this.socket, 'load-buffer', '-b', 'keys', '-'], { input: bytes });
    this.tmux('paste-buffer', '-d', '-r', '-b', 'keys', '-t', 'main');
  }

  screen(withEscapes = false): string {
    return this.tmux('capture-pane', '-p', ...(withEscapes ? ['-e'] : []), '-t', 'main');
  }

  /** A tmux format value of the pane, e.g. alternate_on, cursor_flag, pane_pid. */
  pane(format: string): string {
    return this.tmux('display-message', '-p', '-t', 'main', `#{${format}}`).trim();
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 'main', '-x', String(columns), '-y', String(rows));
  }

  /** Resolves with the screen once `predicate` holds; fails with the last screen after `timeoutMs`. */
  async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
    const start = Date.now();
    for (;;) {
      const now = this.screen();
      if (predicate(now)) return now;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${now}`);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  /** Pids of the shell's children (the program it is running). */
  children(): number[] {
    const shell = this.pane('pane_pid');
    const out = spawnSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).stdout;
    return out
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  }

  kill(): void {
    const socketPath = spawnSync('tmux', ['-L', this.socket, 'display-message', '-p', '#{socket_path}'], {
      encoding: 'utf8',
    }).stdout.trim();
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    // kill-server can leave the socket file behind; do not litter /tmp with one per test.
    if (socketPath) rmSync(socketPath, { force: true });
  }
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
