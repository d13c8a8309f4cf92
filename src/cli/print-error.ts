// The only place errors become text. Expected failures: one line and a hint. Anything else is a bug:
// one line too, with the stack only under --debug — never a raw stack at the user.
import { isLayerscopeError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_RULE_FAILED = 1;
export const EXIT_ERROR = 2;

/** Keep a message to one line: the rest of a multi-line cause goes under --debug. */
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, '; ').trim();

export function printError(err: unknown, debug: boolean, write: (text: string) => void): number {
  if (isLayerscopeError(err)) {
    write(`layerscope: ${oneLine(err.message)}\n`);
    if (err.hint) write(`  hint: ${oneLine(err.hint)}\n`);
    if (debug && err.cause) write(`${String((err.cause as Error).stack ?? err.cause)}\n`);
    return EXIT_ERROR;
  }
  const message = err instanceof Error ? err.message : String(err);
  write(`layerscope: internal error: ${oneLine(message)}\n`);
  if (debug) write(`${(err as Error)?.stack ?? ''}\n`);
  else write('  hint: this is a bug in layerscope; run again with --debug and report the output\n');
  return EXIT_ERROR;
}
