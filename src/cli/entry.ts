// What bin/layerscope.js runs (bundled into dist/bundle/entry.js). `--version` alone is answered here,
// before the command line's modules are loaded: it needs none of them (issue 14: start-up ≤ 1.2× `node -e 0`).
import { createRequire } from 'node:module';
import type { CliIo } from './main.js';

// Required, not imported: `import … from 'node:fs'` in an ES module loads Node's stream modules (the
// module namespace reads every export, fs.promises and the stream classes among them), which is what
// writing to the descriptor instead of process.stdout spares `--version`.
const writeSync = (fd: number, text: string): number =>
  (createRequire(import.meta.url)('node:fs') as typeof import('node:fs')).writeSync(fd, text);

// The package's version, written into the bundle by scripts/bundle.mjs: `--version` then loads no other
// chunk and reads no package.json. tsc's own output (the tests') has no such constant, and reads it.
declare const __LAYERSCOPE_VERSION__: string | undefined;
const version = async (): Promise<string> =>
  typeof __LAYERSCOPE_VERSION__ === 'string' ? __LAYERSCOPE_VERSION__ : (await import('./version.js')).VERSION;

/**
 * A reader that goes away before the output ends (`layerscope diff --help | head -1`) is not an error:
 * what it did not read is not wanted. Without a listener Node throws the EPIPE with a stack trace; with
 * it the command finishes quietly and keeps its exit code (a gate's result still counts).
 */
function quietOnClosedReader(stream: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    stderr.write(outputFailure(err.code ?? err.message));
    // The write that failed rejects with this same error: print-error.ts then says nothing more.
    (err as unknown as Record<symbol, boolean>)[REPORTED] = true;
    process.exitCode = 2;
  });
}

/** Marks an error already told to the user (print-error.ts reads it: the symbol is global, no import). */
const REPORTED = Symbol.for('layerscope.reported');

/** A write to standard output that failed: the user's disk or pipe, not a bug. One line and a hint. */
const outputFailure = (code: string): string =>
  `layerscope: cannot write the output: ${code}\n  hint: ${code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full: free some space, or send the output elsewhere' : 'check where the output goes'}\n`;

/** A line of output, straight to the descriptor when there is one (no stream made for it). */
function writeLine(io: CliIo, line: string): number {
  if (io.stdoutFd === undefined) {
    quietOnClosedReader(io.stdout, io.stderr);
    io.stdout.write(line);
    return 0;
  }
  try {
    writeSync(io.stdoutFd, line);
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return 0; // as quietOnClosedReader
    io.stderr.write(outputFailure(code ?? (error as Error).message));
    return 2;
  }
}

export async function main(io: CliIo): Promise<number> {
  const args = io.argv.slice(2);
  // What commander prints for the same flag.
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) return writeLine(io, `${await version()}\n`);
  quietOnClosedReader(io.stdout, io.stderr);
  // A read from the local daemon has its inspect and export sent before the command line loads (60-75 ms
  // of modules), so that the daemon works meanwhile: early-daemon-read.ts. Not for shell completion
  // (asked on every TAB), nor where DOCKER_HOST chooses the daemon.
  if (args.length > 0 && args[0] !== '__complete' && !io.env.DOCKER_HOST) {
    await (await import('./early-daemon-read.js')).startEarlyDaemonRead(args, io.env);
  }
  return (await import('./main.js')).main(io);
}
