// The terminal while the explorer runs: alternate screen in, and back out exactly once on every way
// out (quit, Ctrl+C, SIGTERM, SIGHUP from a dropped SSH session, SIGINT, a crash, process exit).

const ENTER = '\x1b[?1049h\x1b[H\x1b[2J\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';
const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
type Signal = (typeof SIGNALS)[number];
const SIGNAL_CODES: Record<Signal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export interface SessionEvents {
  /** A signal arrived: stop the UI; the exit code will be 128 + signal number. */
  readonly onSignal: (exitCode: number) => void;
  /** An uncaught exception or rejection anywhere while the UI runs. */
  readonly onCrash: (error: unknown) => void;
}

export interface TerminalSession {
  /** Leave the alternate screen and show the cursor; safe to call many times. */
  readonly restore: () => void;
  /** Remove the handlers (after restore). */
  readonly dispose: () => void;
}

export function enterTerminal(stdin: NodeJS.ReadStream, stdout: NodeJS.WriteStream, events: SessionEvents): TerminalSession {
  let restored = false;
  // After a hangup the terminal is gone and writes fail with EIO: never let that crash us.
  const ignore = (): void => {};
  stdout.on('error', ignore);
  const write = (text: string): void => {
    try {
      if (!stdout.destroyed && stdout.writable) stdout.write(text);
    } catch {
      /* the terminal is gone */
    }
  };
  const restore = (): void => {
    if (restored) return;
    restored = true;
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      /* stdin closed */
    }
    write(LEAVE);
  };
  const onSignal = Object.fromEntries(SIGNALS.map((sig) => [sig, () => events.onSignal(128 + SIGNAL_CODES[sig])])) as Record<
    Signal,
    () => void
  >;
  const onCrash = (error: unknown): void => events.onCrash(error);
  for (const sig of SIGNALS) process.on(sig, onSignal[sig]);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', restore);
  write(ENTER);
  const dispose = (): void => {
    for (const sig of SIGNALS) process.off(sig, onSignal[sig]);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', restore);
    stdout.off('error', ignore);
  };
  return { restore, dispose };
}
