// Mounts the diff explorer in the alternate screen (mountFullscreen restores the terminal on every way
// out) and settles with the exit code: 0 on q, 128 + n on a signal. Imported lazily, like the explorer.
import { DiffExplorer, type DiffExplorerProps } from '../../ui/diff/diff-explorer.js';
import { mountFullscreen } from '../explore/mount-fullscreen.js';

export interface DiffMountArgs extends Pick<DiffExplorerProps, 'diff' | 'a' | 'b' | 'keymap' | 'color' | 'ascii' | 'content'> {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

export async function mountDiffExplorer(args: DiffMountArgs): Promise<number> {
  const { stdin, stdout, stderr, ...shown } = args;
  const outcome = await mountFullscreen<number>({ stdin, stdout, stderr }, (done, size) => (
    <DiffExplorer {...shown} columns={size.columns} rows={size.rows} sizeSource={stdout} onQuit={() => done(0)} />
  ));
  return 'value' in outcome ? outcome.value : outcome.signalCode;
}
