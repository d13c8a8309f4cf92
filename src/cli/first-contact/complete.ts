// What `layerscope __complete SHELL -- WORDS…` answers: the candidates for the last word, one per line,
// read from the same commander definitions the parser uses. `:files` asks the shell for file names.
import type { Command, Option } from 'commander';
import { CI_FORMATS } from '../../presentation/ci/index.js';
import { diffProgram } from '../diff/diff-options.js';
import { buildProgram } from '../program.js';
import { SUBCOMMANDS } from '../subcommands.js';
import { CONTENT_PROGRAMS } from '../commands/content-programs.js';
import { SHELLS } from './completion-scripts.js';

export const FILES = ':files';
/** `:files=PREFIX`: file names after PREFIX, in a word that starts with it (docker-archive:./app.tar). */
export const filesAfter = (prefix: string): string => `${FILES}=${prefix}`;
/** Prefixes that pick where an image is read from (README "Where images come from"). */
const SOURCE_PREFIXES = ['docker:', 'podman:', 'docker-archive:', 'oci-archive:', 'oci:'];
/** Those whose rest is a path, and the daemon's, whose rest is an image name. */
const PATH_PREFIXES = ['docker-archive:', 'oci-archive:', 'oci:'];
const PLATFORMS = [
  'linux/amd64',
  'linux/arm64',
  'linux/arm/v7',
  'linux/arm/v6',
  'linux/386',
  'linux/ppc64le',
  'linux/s390x',
  'linux/riscv64',
];
/** Flags whose value is a file the user names. */
const FILE_FLAGS = new Set(['--json', '--ci-config', '--ci-report', '--config', '--output']);

export interface CompletionContext {
  /** Names of the daemon's local images (repo:tag), fetched lazily: only when a source is completed. */
  readonly imageNames: () => Promise<readonly string[]>;
  /** docker context names. */
  readonly contextNames: () => readonly string[];
}

function optionFor(command: Command, flag: string): Option | undefined {
  return (command.options as readonly Option[]).find((o) => o.long === flag || o.short === flag);
}

const takesValue = (option: Option | undefined): boolean => option !== undefined && (option.required || option.optional);

function flagNames(command: Command): string[] {
  return (command.options as readonly Option[]).flatMap((o) => (o.long ? [o.long] : [])).concat('--help');
}

async function valuesFor(option: Option, ctx: CompletionContext): Promise<string[]> {
  if (option.argChoices) return option.argChoices;
  if (option.long === '--platform') return PLATFORMS;
  // Validated by the CI config (which reports every problem at once), so not a commander choice.
  if (option.long === '--ci-format') return [...CI_FORMATS];
  if (option.long === '--context') return [...ctx.contextNames()];
  if (option.long && FILE_FLAGS.has(option.long)) return [FILES];
  return [];
}

/**
 * Image names come from a daemon, possibly a remote one: a name that is not a plain reference (control
 * characters, spaces, escapes) is never handed to the shell, which would put it on the command line raw.
 */
const PLAIN_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;

/** What may start a source, for `current`: after a path prefix only paths, after docker: image names. */
async function sources(ctx: CompletionContext, withCommands: boolean, current: string): Promise<string[]> {
  const pathPrefix = PATH_PREFIXES.find((p) => current.startsWith(p));
  if (pathPrefix) return [filesAfter(pathPrefix)];
  const names = async () => (await ctx.imageNames().catch(() => [])).filter((name) => PLAIN_REFERENCE.test(name));
  // The names are the Docker daemon's: podman's images are not listed.
  if (current.startsWith('docker:')) return (await names()).map((n) => `docker:${n}`);
  if (current.startsWith('podman:')) return [];
  return [...(withCommands ? SUBCOMMANDS : []), 'demo', ...SOURCE_PREFIXES, ...(await names()), FILES];
}

/** Candidates for the last of `words` (the words after `layerscope`; the last one may be ''). */
export async function complete(words: readonly string[], ctx: CompletionContext): Promise<string[]> {
  const current = words[words.length - 1] ?? '';
  const before = words.slice(0, -1);
  const sub = before[0];
  if (sub === 'completion') return before.length === 1 ? filter([...SHELLS], current) : [];
  if (sub === 'help') return before.length === 1 ? filter(['keys'], current) : [];
  if (sub === 'cache') return before.length === 1 ? filter(['ls', 'prune'], current) : [];
  // cat, extract, log: their own flags; the image first, then a path in it (the image's: none offered).
  const content = sub === undefined ? undefined : CONTENT_PROGRAMS[sub];
  const command = content ? content() : sub === 'diff' ? diffProgram() : buildProgram();
  const args = content || sub === 'diff' ? before.slice(1) : before;
  const previous = args[args.length - 1];
  const option = previous?.startsWith('-') ? optionFor(command, previous) : undefined;
  if (takesValue(option) && !previous!.includes('=')) return filter(await valuesFor(option!, ctx), current);
  if (current.startsWith('-')) return filter(flagNames(command), current);
  const positional = args.filter((w, i) => !w.startsWith('-') && !takesValue(optionFor(command, args[i - 1] ?? ''))).length;
  if (positional >= (sub === 'diff' ? 2 : 1)) return [];
  return filter(await sources(ctx, sub === undefined, current), current);
}

function filter(candidates: readonly string[], prefix: string): string[] {
  return candidates.filter((c) => c.startsWith(FILES) || c.startsWith(prefix));
}
