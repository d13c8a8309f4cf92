// `layerscope cat SOURCE PATH [--layer N]`: one file's bytes on stdout. Like curl (and unlike cat), it
// will not pour control bytes into a terminal, where an image's file could retitle the window, fake
// output or worse: with stdout a TTY, a chunk holding C0 controls (other than tab, newline, CR), DEL or
// UTF-8-encoded C1 controls (see terminal-bytes.ts) stops the output with a one-line error; --raw writes
// anyway. Piped or redirected, bytes go as they are.
import { LayerscopeError } from '../../core/errors.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../print-error.js';
import { findPath, layerIndex, loadForContent } from './content-source.js';
import { catProgram } from './content-programs.js';
import { versionFor } from './file-at-layer.js';
import { ROOT } from '../../core/path-table.js';
import { visibleUnder } from '../../io/content/visible-tree.js';
import { hasTerminalControls } from '../../presentation/terminal-bytes.js';

const CHUNK = 1 << 20;

/** Resolves once the chunk is handed to the OS (backpressure); false when the reader went away (EPIPE). */
function write(out: NodeJS.WritableStream, bytes: Uint8Array): Promise<boolean> {
  return new Promise((resolve, reject) => {
    out.write(bytes, (error) => {
      if (!error) resolve(true);
      else if ((error as NodeJS.ErrnoException).code === 'EPIPE') resolve(false);
      else reject(error);
    });
  });
}

export async function runCat(io: CliIo, args: readonly string[]): Promise<number> {
  const command = catProgram();
  command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  command.parse(args as string[], { from: 'user' });
  const opts = command.opts();
  const [source, typed] = command.args as [string, string];
  const { image, content } = await loadForContent(io, source, opts);
  const k = layerIndex(image, opts.layer);
  const { id, shown } = findPath(image, typed);
  // The root, or a directory only implied by files below it, has no entry of its own: still a directory
  // when something under it is there at layer k.
  const implied = id === ROOT || (id !== undefined && !versionFor(image, id, k, shown, true) && visibleUnder(image, k, id).length > 0);
  const version = implied ? undefined : versionFor(image, id, k, shown, false)!;
  if (!version || version.entry.kind === 'dir')
    throw new LayerscopeError(
      'usage',
      `${shown} is a directory at layer ${k + 1}`,
      `extract it instead: layerscope extract SOURCE ${shown}`,
    );
  const { entry } = version;
  if (entry.kind === 'symlink') {
    throw new LayerscopeError(
      'usage',
      `${shown} is a symlink to '${entry.linkTarget ?? ''}' at layer ${k + 1}`,
      'cat its target (layerscope never follows links)',
    );
  }
  if (entry.kind !== 'file' && entry.kind !== 'hardlink') {
    throw new LayerscopeError(
      'usage',
      `${shown} is a ${entry.kind} at layer ${k + 1}, which has no contents`,
      'only regular files have bytes to show',
    );
  }
  const reader = content.reader(image, false);
  const guard = io.stdout.isTTY === true && opts.raw !== true;
  try {
    // The previous chunk's last byte: a C1 control's two bytes may straddle two reads.
    let last = 0;
    for (let at = 0; ; at += CHUNK) {
      const bytes = await reader.read(version.layer, id!, at, CHUNK);
      if (guard && hasTerminalControls(bytes, last)) {
        throw new LayerscopeError(
          'usage',
          `${shown} holds control bytes or binary data; not written to the terminal`,
          'pipe or redirect it (layerscope cat … > file), or pass --raw',
        );
      }
      if (bytes.length > 0) last = bytes[bytes.length - 1]!;
      if (bytes.length > 0 && !(await write(io.stdout, bytes))) break;
      if (bytes.length < CHUNK) break;
    }
  } finally {
    await reader.close();
    content.close();
  }
  return EXIT_OK;
}
