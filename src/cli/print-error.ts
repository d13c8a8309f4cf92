// The only place errors and warnings become text on stderr. Expected failures: one line and a hint.
// Anything else is a bug: one line too, with the stack only under --debug — never a raw stack at the user.
//
// Messages are built all over io from image data (tags, RepoTags, ref.name annotations, platform
// strings, member and layer paths, config fields), so instead of trusting each of those places to escape
// its part, everything printed here goes through the one escaper (presentation/escape-name.ts): a
// message is safe by construction, whoever wrote it. Nothing upstream escapes (that would double the
// backslashes). A newline in a name shows as \x0a and cannot split the one line.
import { isLayerscopeError } from '../core/errors.js';
import { escapeName } from '../presentation/escape-name.js';

export const EXIT_OK = 0;
export const EXIT_RULE_FAILED = 1;
export const EXIT_ERROR = 2;

/** One printable line: no control character, escape sequence or bidi override survives. */
const line = (text: string): string => escapeName(text);

/** A --debug stack keeps its own line breaks; each line is escaped, as it may quote image data. */
const block = (text: string): string => text.split('\n').map(line).join('\n');

/** Set by entry.ts on a failed write to standard output, which it has already reported in one line and a hint. */
const REPORTED = Symbol.for('layerscope.reported');

export function printError(err: unknown, debug: boolean, write: (text: string) => void): number {
  if (typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[REPORTED] === true) return EXIT_ERROR;
  if (isLayerscopeError(err)) {
    write(`layerscope: ${line(err.message)}\n`);
    if (err.hint) write(`  hint: ${line(err.hint)}\n`);
    if (debug && err.cause) write(`${block(String((err.cause as Error).stack ?? err.cause))}\n`);
    return EXIT_ERROR;
  }
  const message = err instanceof Error ? err.message : String(err);
  write(`layerscope: internal error: ${line(message)}\n`);
  if (debug) write(`${block((err as Error)?.stack ?? '')}\n`);
  else write('  hint: this is a bug in layerscope; run again with --debug and report the output\n');
  return EXIT_ERROR;
}

/** A line that is neither an error nor a warning (what the command does instead), escaped all the same. */
export function printNotice(text: string, write: (text: string) => void): void {
  write(`layerscope: ${line(text)}\n`);
}

/** Warnings (`model.warnings`, --lenient) quote image data just as errors do. */
export function printWarnings(warnings: readonly string[], write: (text: string) => void): void {
  for (const warning of warnings) write(`layerscope: warning: ${line(warning)}\n`);
}
