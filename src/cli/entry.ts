// What bin/layerscope.js runs (bundled into dist/bundle/entry.js). `--version` alone is answered here,
// before the command line's modules are loaded: it needs none of them (issue 14: start-up ≤ 1.2× `node -e 0`).
import type { CliIo } from './main.js';

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
    stderr.write(`layerscope: error: cannot write the output: ${err.code ?? err.message}\n`);
    process.exitCode = 2;
  });
}

export async function main(io: CliIo): Promise<number> {
  quietOnClosedReader(io.stdout, io.stderr);
  const args = io.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
    io.stdout.write(`${await version()}\n`); // what commander prints for the same flag
    return 0;
  }
  return (await import('./main.js')).main(io);
}
