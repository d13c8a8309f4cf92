// The command line: parses argv, picks the command (explore, --json, --ci), wires io to core to output,
// and owns exit codes. Everything else is library code that throws.
import { existsSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { LayerscopeError } from '../core/errors.js';
import { parsePlatform, type ReadOptions } from '../io/read-options.js';
import { registerCiOptions, ciRequested, prepareCi } from './ci/index.js';
import { registerDaemonOptions } from '../io/daemon/cli-options.js';
import { runExplore } from './explore/run-explore.js';
import { hostPlatform } from './host-platform.js';
import { loadImage } from './load-image.js';
import { printError, EXIT_ERROR } from './print-error.js';
import { progressLine } from './progress-line.js';
import { parseSourceSpec, SOURCE_FLAG_VALUES, type SourceSpec } from './source-spec.js';
import { checkDanglingWhiteouts, runAnalysisCommand } from './analysis-command.js';
import { analyzeImage } from '../core/analyze.js';
import { VERSION } from './version.js';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

function buildProgram(): Command {
  const program = new Command('layerscope')
    .description('Explore the layers of a container image, and gate CI on how much space it wastes.')
    .version(VERSION, '-v, --version')
    .argument('[source]', 'image: NAME[:TAG] (docker daemon), docker:REF, podman:REF, docker-archive:PATH, oci-archive:PATH, oci:DIR[:REF], a file path, - (stdin), or demo')
    .option('--json <file>', "write the analysis as JSON to FILE ('-' for stdout) instead of opening the explorer")
    .option('--json-files', "with --json: include every layer's file list")
    .addOption(new Option('--source <kind>', 'how to read a bare SOURCE (dive spelling)').choices([...SOURCE_FLAG_VALUES]))
    .option('--platform <os/arch[/variant]>', 'which image of a multi-platform index to read (default: this host\'s)')
    .option('--lenient', 'analyse images with whiteouts that delete nothing (reported as warnings)')
    .option('--no-color', 'no colour (also NO_COLOR)')
    .option('--ascii', 'ASCII tree guides (default when the locale is not UTF-8)')
    .option('--config <file>', 'key bindings file (default: $XDG_CONFIG_HOME/layerscope/config.yaml)')
    .option('--debug', 'print stack traces of internal errors')
    .option('--no-secret-scan', 'do not scan the layers for secrets (keys, tokens, credentials files)')
    .showHelpAfterError('(run layerscope --help for usage)');
  registerDaemonOptions(program);
  registerCiOptions(program);
  return program;
}

function readOptionsFrom(opts: Record<string, unknown>): Pick<ReadOptions, 'platform'> {
  if (typeof opts.platform !== 'string') return { platform: hostPlatform(process.arch) };
  const platform = parsePlatform(opts.platform);
  if (!platform) throw new LayerscopeError('usage', `bad --platform '${opts.platform}'`, 'write os/arch or os/arch/variant, e.g. linux/arm64/v8');
  return { platform };
}

async function run(io: CliIo, program: Command): Promise<number> {
  program.parse(io.argv as string[]);
  const opts = program.opts();
  const source = program.args[0];
  if (!source) {
    throw new LayerscopeError('usage', 'no image given', 'try `layerscope demo`, `layerscope IMAGE:TAG` or `layerscope image.tar`');
  }
  const spec: SourceSpec = parseSourceSpec(source, opts.source as string | undefined, existsSync);
  const readOpts = { ...readOptionsFrom(opts), scanSecrets: opts.secretScan !== false };
  // CI=true (set by every CI system) gates like dive, but an explicit --json export only gates with --ci.
  const gate = typeof opts.json === 'string' ? opts.ci === true : ciRequested(opts, io.env);
  const ci = gate ? await prepareCi(opts, io.env, process.cwd()) : undefined;
  const load = (onProgress: ReadOptions['onProgress']) =>
    loadImage(spec, { env: io.env, stdin: io.stdin, host: opts.host as string | undefined, context: opts.context as string | undefined, pull: opts.pull === true }, { ...readOpts, onProgress });

  if (typeof opts.json === 'string' || ci) {
    const progress = progressLine(io.stderr, spec.location || spec.kind);
    return runAnalysisCommand({ load: () => load(progress.update).finally(progress.done), opts, ci, io });
  }
  const color = opts.color !== false && !('NO_COLOR' in io.env && io.env.NO_COLOR !== '');
  // Same refusal as --json/--ci. analyzeImage is cached per image, so the explorer pays nothing more;
  // a lenient warning is printed once the explorer is gone, where the restored terminal keeps it.
  const warnings: string[] = [];
  const loadChecked = async (onProgress: ReadOptions['onProgress']) => {
    const image = await load(onProgress);
    warnings.push(...checkDanglingWhiteouts(image, analyzeImage(image), opts.lenient === true).warnings);
    return image;
  };
  const printWarnings = () => warnings.forEach((w) => io.stderr.write(`layerscope: warning: ${w}\n`));
  return runExplore(loadChecked, {
    color, ascii: opts.ascii === true, keyConfigPath: opts.config as string | undefined, label: spec.location || spec.kind,
    stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, env: io.env,
  }).finally(printWarnings);
}

export async function main(io: CliIo): Promise<number> {
  const program = buildProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  try {
    return await run(io, program);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_ERROR;
    return printError(err, io.argv.includes('--debug'), (s) => io.stderr.write(s));
  }
}
