// Mounts the Ink explorer in the alternate screen and settles with an exit code once it is gone,
// whichever way it went. Imported lazily by run-explore (see there for why).
import { render } from 'ink';
import { Explorer, type ExplorerProps } from '../../ui/explorer.js';
import { screenStream } from './screen-stream.js';
import { enterTerminal } from './terminal-session.js';

/** What the explorer shows, and the terminal it takes over. */
export interface MountArgs extends Pick<
  ExplorerProps,
  'image' | 'trees' | 'analysis' | 'keymap' | 'color' | 'ascii' | 'content' | 'extract'
> {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export function mountExplorer(args: MountArgs): Promise<number> {
  const { stdin, stdout, stderr } = args;
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    let unmount = (): void => {};
    const finish = (outcome: { code: number } | { error: unknown }): void => {
      if (settled) return;
      settled = true;
      try {
        unmount();
      } catch {
        /* already gone */
      }
      session.restore();
      session.dispose();
      stdin.pause();
      if ('error' in outcome) reject(outcome.error);
      else resolve(outcome.code);
    };
    const session = enterTerminal(stdin, stdout, {
      onSignal: (code) => finish({ code }),
      onCrash: (error) => finish({ error }),
    });
    try {
      const screen = screenStream(stdout);
      const instance = render(
        <Explorer
          image={args.image}
          trees={args.trees}
          analysis={args.analysis}
          keymap={args.keymap}
          color={args.color}
          ascii={args.ascii}
          content={args.content}
          extract={args.extract}
          columns={stdout.columns || 80}
          rows={stdout.rows || 24}
          sizeSource={stdout}
          onQuit={() => finish({ code: 0 })}
        />,
        // Ctrl+C is a key like q (raw mode); 60 fps so a keypress is not held back a whole 30 fps frame.
        { stdin, stdout: screen, stderr, exitOnCtrlC: false, patchConsole: false, maxFps: 60 },
      );
      unmount = () => instance.unmount();
      instance.waitUntilExit().then(
        () => finish({ code: 0 }),
        (error: unknown) => finish({ error }),
      );
    } catch (error) {
      finish({ error });
    }
  });
}
