// `layerscope diff A B`: its flags, typed. Parsed by commander here, so the command itself gets values.
import { fileValue } from '../file-option.js';
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { LayerscopeError } from '../../core/errors.js';
import { parseDiffThreshold, type DiffThreshold } from '../../core/image-diff/index.js';
import { registerDaemonOptions } from '../daemon-options.js';
import { parseSourceSpec, type SourceSpec } from '../source-spec.js';

export interface DiffOptions {
  readonly a: SourceSpec;
  readonly b: SourceSpec;
  readonly json?: string;
  readonly format: 'text' | 'markdown';
  readonly all: boolean;
  readonly failOn: readonly DiffThreshold[];
  readonly lenient: boolean;
  /** secrets.allow for --fail-on new-secrets. */
  readonly ciConfig?: string;
  readonly platform?: string;
  readonly host?: string;
  readonly context?: string;
  readonly pull: boolean;
  /**
   * Open the explorer on the comparison (stdout must be a terminal): true unless a report was asked
   * for (--json, --format, --all, --fail-on) or refused with --no-ui.
   */
  readonly explore: boolean;
  readonly color: boolean;
  readonly ascii: boolean;
  /** --config FILE: the key-binding file. */
  readonly config?: string;
}

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

export function diffProgram(): Command {
  const program = new Command('layerscope diff')
    .description('Compare two images: their numbers, the layers they share, and every file that differs.')
    .argument('<a>', 'the image before (any source: NAME[:TAG], an archive, oci:DIR, registry:REF …)')
    .argument('<b>', 'the image after')
    .option('--json <file>', "write the comparison as JSON to FILE ('-' for stdout)", fileValue)
    .addOption(new Option('--format <format>', 'report on stdout').choices(['text', 'markdown']).default('text'))
    .option('--all', 'list every changed file (default: the 50 largest changes)')
    .option(
      '--fail-on <rule=value>',
      'exit 1 when B crosses a threshold: size-growth=10MB|5%, efficiency-drop=0.02, new-waste=1MB, new-secrets[=N] (more than N secret findings A does not have; N defaults to 0) (repeat or comma-separate)',
      collect,
    )
    .option('--ci-config <path>', 'secrets.allow of this CI rules file applies to --fail-on new-secrets (the rest of it does not)')
    .option('--no-ui', 'print the text report even on a terminal (instead of the explorer)')
    .option('--no-color', 'explorer: no colour (also NO_COLOR)')
    .option('--ascii', 'explorer: ASCII tree guides')
    .option('--config <file>', 'explorer: key bindings file (default $XDG_CONFIG_HOME/layerscope/config.yaml)')
    .option('--platform <os/arch[/variant]>', 'which image of a multi-platform index to read')
    .option('--lenient', 'analyse images with whiteouts that delete nothing')
    .option('--debug', 'print stack traces of internal errors')
    .option('--no-cache', 'neither use nor fill the layer cache (parsed layers by diff id)')
    .option('--cache-max <size>', 'layer cache cap (default LAYERSCOPE_CACHE_MAX, else 5G)')
    .showHelpAfterError('(run layerscope diff --help for usage)')
    .addHelpText(
      'after',
      [
        '',
        'On a terminal, with no report flag (--json, --format, --all, --fail-on) and without --no-ui, the',
        "comparison opens in the explorer: the tree of changed files (the explorer's keys: / filter, Space",
        'fold, Ctrl+A/R/N hide added/removed/modified, Ctrl+O order by bytes changed), both layer lists',
        "(= a layer both images have), and Enter on a modified file shows A's and B's versions as a unified",
        'diff (an added or removed file: its contents). Piped, or with a report flag, it prints the report.',
        '',
        'Examples:',
        '  layerscope diff app:1.4 app:1.5                  # the explorer on a terminal, the text report piped',
        '  layerscope diff --no-ui app:1.4 app:1.5          # the text report on a terminal',
        '  layerscope diff old.tar app:next --fail-on size-growth=5%,efficiency-drop=0.01',
        '  layerscope diff --format markdown --json diff.json base.tar rebuilt.tar',
        '  layerscope diff app:1.4 app:1.5 --fail-on new-secrets --ci-config .layerscope-ci.yaml',
        '',
        'new-secrets scans both images (as --ci does) and names each finding of B that A does not have',
        '(same rule, path and redacted form), redacted; secrets.allow of --ci-config is honoured.',
      ].join('\n'),
    );
  registerDaemonOptions(program);
  return program;
}

export function diffOptionsFrom(program: Command): DiffOptions {
  const [rawA, rawB] = program.args as [string, string];
  const o = program.opts<{
    json?: string;
    format: 'text' | 'markdown';
    all?: boolean;
    failOn?: string[];
    lenient?: boolean;
    ciConfig?: string;
    platform?: string;
    host?: string;
    context?: string;
    pull?: boolean;
    ui?: boolean;
    color?: boolean;
    ascii?: boolean;
    config?: string;
  }>();
  const reportAsked =
    o.json !== undefined || program.getOptionValueSource('format') === 'cli' || o.all === true || (o.failOn ?? []).length > 0;
  // Both would be stdout's: the JSON wins there and the report would be dropped without a word (as --ci refuses).
  if (o.json === '-' && program.getOptionValueSource('format') === 'cli') {
    throw new LayerscopeError(
      'usage',
      `--json - and --format ${o.format} both write to stdout`,
      'write the JSON to a file (--json FILE) to have both',
    );
  }
  const a = parseSourceSpec(rawA, undefined, existsSync);
  const b = parseSourceSpec(rawB, undefined, existsSync);
  if (a.kind === 'stdin' && b.kind === 'stdin') {
    throw new LayerscopeError('usage', 'A and B cannot both be read from standard input', 'give one of them as a file or an image name');
  }
  const failOn = (o.failOn ?? []).map((text) => {
    const parsed = parseDiffThreshold(text);
    if (typeof parsed === 'string')
      throw new LayerscopeError('usage', `bad --fail-on: ${parsed}`, 'e.g. --fail-on size-growth=10MB,efficiency-drop=0.02');
    return parsed;
  });
  return {
    a,
    b,
    format: o.format,
    all: o.all === true,
    failOn,
    lenient: o.lenient === true,
    pull: o.pull === true,
    explore: !reportAsked && o.ui !== false,
    color: o.color !== false,
    ascii: o.ascii === true,
    ...(o.config !== undefined ? { config: o.config } : {}),
    ...(o.json !== undefined ? { json: o.json } : {}),
    ...(o.platform !== undefined ? { platform: o.platform } : {}),
    ...(o.ciConfig !== undefined ? { ciConfig: o.ciConfig } : {}),
    ...(o.host !== undefined ? { host: o.host } : {}),
    ...(o.context !== undefined ? { context: o.context } : {}),
  };
}
