// The command line: parses argv, picks the command (explore, --json, --ci), wires io to core to output,
// and owns exit codes. Everything else is library code that throws.
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { LayerscopeError } from '../core/errors.js';
import { parsePlatform, type ReadOptions } from '../io/read-options.js';
import { ciRequested, prepareCi } from './ci/index.js';
import { FillsAfterFirstFrame } from './explore/cache-fills.js';
import { FillsAlongside } from './fills-alongside.js';
import { exploreFlags, runExploreCommand } from './explore/explore-command.js';
import { hostPlatform } from './host-platform.js';
import { loadContextFrom, loadImage } from './load-image.js';
import type { CliIo } from './cli-io.js';
import { printError } from './print-error.js';
import { progressLine } from './progress-line.js';
import { parseSourceSpec, type SourceSpec } from './source-spec.js';
import { buildProgram } from './program.js';
import { SUBCOMMANDS } from './subcommands.js';
import { closest } from './first-contact/suggest.js';
import { runAnalysisCommand } from './analysis-command.js';
import { withReadingGc } from './reading-gc.js';
// Imported with the rest, not on demand: esbuild gives a module a chunk of its own for each set of lazy
// entries that reach it, and Node 20 takes ~0.8 ms to load each chunk. Loaded on demand, these commands
// and what they share with main split `--json`'s path into 40 chunks; imported here, 19 (tiny `--json`
// 0.96-0.977x and then 0.964x, 40 pairs each; the explorer's first frame within noise, 1.000x, then
// 1.02x and 0.97x, 24 pairs each), and 7 once scripts/rechunk.mjs regroups them. Ink, React, dockerode
// and the registry client stay on demand.
import { cacheDebugLine, parsedCacheFrom } from './commands/layer-store-setup.js';
import { exploreContent } from './explore/explore-content.js';
import { contentCommandFor } from './commands/index.js';
import { runDiff } from './diff/run-diff.js';
import { runFirstContact } from './first-contact/run-first-contact.js';

export type { CliIo } from './cli-io.js';

function readOptionsFrom(opts: Record<string, unknown>): Pick<ReadOptions, 'platform' | 'platformIsHostDefault'> {
  if (typeof opts.platform !== 'string') return { platform: hostPlatform(process.arch), platformIsHostDefault: true };
  const platform = parsePlatform(opts.platform);
  if (!platform)
    throw new LayerscopeError('usage', `bad --platform '${opts.platform}'`, 'write os/arch or os/arch/variant, e.g. linux/arm64/v8');
  return { platform };
}

async function run(io: CliIo, program: Command): Promise<number> {
  program.parse(io.argv as string[]);
  const opts = program.opts();
  const source = program.args[0];
  if (!source) {
    // On a terminal, with nothing else asked: pick one of the daemon's images.
    if (io.stdin.isTTY && io.stdout.isTTY && opts.json === undefined && opts.ci !== true) {
      return (await import('./first-contact/run-picker.js')).runPicker(io, opts);
    }
    // `layerscope --json registry:app` takes the image as the --json file.
    if (typeof opts.json === 'string')
      throw new LayerscopeError(
        'usage',
        'no image given (--json takes a FILE first)',
        'write `layerscope --json FILE IMAGE` (FILE - is stdout)',
      );
    throw new LayerscopeError('usage', 'no image given', 'try `layerscope demo`, `layerscope IMAGE:TAG` or `layerscope image.tar`');
  }
  const spec: SourceSpec = parseSourceSpec(source, opts.source as string | undefined, existsSync);
  // Parsed layers by diff id: an image read before is not parsed again (README "Layer cache").
  const layerCache = opts.cache === false ? undefined : parsedCacheFrom(io.env, { cacheMax: opts.cacheMax as string | undefined });
  const readOpts = { ...readOptionsFrom(opts), scanSecrets: opts.secretScan !== false, ...(layerCache ? { layerCache } : {}) };
  // CI=true (set by every CI system) gates like dive, but an explicit --json export only gates with --ci.
  const gate = typeof opts.json === 'string' ? opts.ci === true : ciRequested(opts, io.env);
  const ci = gate ? await prepareCi(opts, io.env, process.cwd()) : undefined;
  const load = (onProgress: ReadOptions['onProgress'], extra: Partial<ReadOptions> = {}) =>
    loadImage(spec, loadContextFrom(io, opts), { ...readOpts, ...extra, onProgress });
  // --debug: what the layer cache saved, said after a read that worked (an error stays one line and a
  // hint) and once the progress line is gone, not on the end of it.
  const sayCache = (): void => {
    if (opts.debug === true && layerCache) io.stderr.write(cacheDebugLine(layerCache));
  };

  if (typeof opts.json === 'string' || ci) {
    const progress = progressLine(io.stderr, spec.location || spec.kind);
    // An archive's large layers are hashed for the layer cache on a second thread, beside the parse.
    const fills = new FillsAlongside(io.env);
    const loadAndSay = () =>
      load(progress.update, fills.readOptions(layerCache !== undefined))
        .finally(progress.done)
        .then((image) => (sayCache(), image));
    // Incremental marking stays off through the analysis too (reading-gc.ts): no key waits on a pause here.
    return withReadingGc(() => runAnalysisCommand({ load: loadAndSay, opts, ci, io })).finally(async () => {
      await fills.settle();
      const kept = fills.debugLine();
      if (opts.debug === true && kept) io.stderr.write(kept);
    });
  }
  // File contents for the viewer and x.
  const contents = exploreContent(io.env, process.cwd());
  // A registry image's layers are fetched again for the files viewed; --keep-layers keeps every layer as it is read.
  const keep = { ...contents.refetchOptions, ...(opts.keepLayers === true ? contents.readOptions : {}) };
  // The layer cache's hashes of an archive's layers wait until the explorer is drawn.
  const fills = new FillsAfterFirstFrame();
  let read = false;
  return runExploreCommand(
    (onProgress) => load(onProgress, { ...keep, ...fills.readOptions(layerCache !== undefined) }).then((image) => ((read = true), image)),
    exploreFlags(opts),
    io,
    spec.location || spec.kind,
    contents.content,
    fills.run,
  ).finally(() => {
    // Said once the explorer has given the terminal back.
    if (read) sayCache();
    const kept = fills.debugLine();
    if (opts.debug === true && kept) io.stderr.write(kept);
  });
}

/** commander's own error text ("error: unknown option '--jsn'\n(Did you mean --json?)") as our one line and hint. */
function commanderFailure(err: CommanderError, usage: string): LayerscopeError {
  const [first = '', ...rest] = err.message.split('\n');
  const similar = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))?.[1];
  return new LayerscopeError(
    'usage',
    first.replace(/^error: /, ''),
    similar ? `did you mean ${similar}? (${usage} lists every option)` : `${usage} shows the usage`,
  );
}

/** A first word that is not an image but one letter off a command (`layerscope dif a b`). */
function mistypedCommand(argv: readonly string[]): LayerscopeError | undefined {
  const word = argv[2];
  if (!word || word.startsWith('-') || argv.length < 4 || existsSync(word)) return undefined;
  const command = closest(word, SUBCOMMANDS);
  return command ? new LayerscopeError('usage', `unknown command '${word}'`, `did you mean 'layerscope ${command}'?`) : undefined;
}

/** The commands that take --debug too: `layerscope --debug cat …` is `layerscope cat --debug …`. */
const DEBUG_COMMANDS = new Set(['diff', 'cat', 'extract', 'log', 'cache']);

export async function main(given: CliIo): Promise<number> {
  const [node = '', bin = '', first, second, ...rest] = given.argv;
  // --debug written before a command (as before an image) was taken for the image command's flag, and
  // the command's words for too many sources.
  // Over `given`, not a copy of it: its streams are getters, made only when used (cli-io.ts).
  const io: CliIo =
    first === '--debug' && second !== undefined && DEBUG_COMMANDS.has(second)
      ? Object.create(given, { argv: { value: [node, bin, second, '--debug', ...rest] } })
      : given;
  const debug = io.argv.includes('--debug');
  const program = buildProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  try {
    // Subcommands are dispatched before the image command's parser, which takes any word as a source.
    const word = io.argv[2];
    if (word === 'diff') return await runDiff(io, io.argv.slice(3));
    if (word === 'completion' || word === '__complete' || word === 'help') {
      return await runFirstContact(io, word, io.argv.slice(3));
    }
    if (word === 'cat' || word === 'extract' || word === 'log' || word === 'cache') {
      const command = contentCommandFor(io);
      if (command) return await command();
    }
    const mistyped = mistypedCommand(io.argv);
    if (mistyped) throw mistyped;
    return await run(io, program);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0;
      return printError(commanderFailure(err, usageFor(io.argv[2])), debug, (s) => io.stderr.write(s));
    }
    return printError(err, debug, (s) => io.stderr.write(s));
  }
}

/** Where the usage of the command that failed to parse is shown. */
const usageFor = (word: string | undefined): string =>
  word !== undefined && (SUBCOMMANDS as readonly string[]).includes(word) ? `layerscope ${word} --help` : 'layerscope --help';
