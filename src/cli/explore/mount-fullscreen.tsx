// Mounts an Ink view in the alternate screen, and settles once it is gone, whichever way it went: the
// view said it is done, a signal (Ctrl+C outside raw mode, SIGTERM, SIGHUP) or a crash. The terminal is
// restored in every case. Imported lazily, like the explorer (see run-explore.ts).
import { render } from 'ink';
import type { ReactElement } from 'react';
import { screenStream } from './screen-stream.js';
import { enterTerminal } from './terminal-session.js';

export interface FullscreenIo {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export type FullscreenOutcome<T> = { readonly value: T } | { readonly signalCode: number };

export function mountFullscreen<T>(
  io: FullscreenIo,
  view: (done: (value: T) => void, size: { columns: number; rows: number }) => ReactElement,
): Promise<FullscreenOutcome<T>> {
  const { stdin, stdout, stderr } = io;
  return new Promise((resolve, reject) => {
    let settled = false;
    let unmount = (): void => {};
    const finish = (outcome: FullscreenOutcome<T> | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      try {
        unmount();
      } catch {
        /* already gone */
      }
      stdout.off('resize', redraw);
      session.restore();
      session.dispose();
      stdin.pause();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome);
    };
    const size = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    const done = (value: T) => finish({ value });
    let redraw = (): void => {};
    const session = enterTerminal(stdin, stdout, {
      onSignal: (code) => finish({ signalCode: code }),
      onCrash: (error) => finish({ error }),
    });
    try {
      const instance = render(view(done, size()), {
        stdin,
        stdout: screenStream(stdout),
        stderr,
        exitOnCtrlC: false,
        patchConsole: false,
        maxFps: 60,
      });
      redraw = () => instance.rerender(view(done, size()));
      stdout.on('resize', redraw);
      unmount = () => instance.unmount();
      instance.waitUntilExit().catch((error: unknown) => finish({ error }));
    } catch (error) {
      finish({ error });
    }
  });
}
