// The content commands (`cat`, `extract`, `log`, `cache`), picked by the first argument before the main
// program parses anything: an image called `cat` is still reachable as docker:cat.
import type { CliIo } from '../cli-io.js';
import { runCache } from './cache-command.js';
import { runCat } from './cat-command.js';
import { runExtract } from './extract-command.js';
import { runLog } from './log-command.js';

const COMMANDS: Record<string, (io: CliIo, args: readonly string[]) => Promise<number>> = {
  cat: runCat,
  extract: runExtract,
  log: runLog,
  cache: runCache,
};

/** The command named by argv[2], bound to the rest of argv; undefined for the explorer/--json/--ci. */
export function contentCommandFor(io: CliIo): (() => Promise<number>) | undefined {
  const name = io.argv[2];
  const run = name === undefined ? undefined : COMMANDS[name];
  return run && (() => run(io, io.argv.slice(3)));
}

export { contentSetup, type ContentSetup } from './layer-store-setup.js';
