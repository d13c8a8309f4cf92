// `layerscope diff A B`: reads both images (at once: two exports or two files overlap), compares their
// final filesystems and numbers, prints the report, and gates on --fail-on (exit 1 when crossed).
import { appendFile, writeFile } from 'node:fs/promises';
import { analyzeImage } from '../../core/analyze.js';
import { LayerscopeError } from '../../core/errors.js';
import { diffImages, evaluateDiffGate, type DiffInput } from '../../core/image-diff/index.js';
import { ImageTrees } from '../../core/image-trees.js';
import { parsePlatform } from '../../io/read-options.js';
import { diffJson, renderDiffMarkdown, renderDiffText } from '../../presentation/diff/index.js';
import { checkDanglingWhiteouts } from '../analysis-command.js';
import { hostPlatform } from '../host-platform.js';
import { loadImage } from '../load-image.js';
import { cacheDebugLine, parsedCacheFrom } from '../commands/layer-store-setup.js';
import type { ParsedLayerCache } from '../../io/store/parsed-cache.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK, EXIT_RULE_FAILED } from '../print-error.js';
import type { SourceSpec } from '../source-spec.js';
import { diffOptionsFrom, diffProgram, type DiffOptions } from './diff-options.js';
import { secretGateFrom, withNewSecrets } from './diff-secrets.js';
import { stringifySafeJson } from '../../presentation/safe-json.js';

async function readSide(
  spec: SourceSpec,
  opts: DiffOptions,
  io: CliIo,
  layerCache?: ParsedLayerCache,
  scanSecrets = false,
): Promise<DiffInput> {
  const platform = opts.platform === undefined ? hostPlatform(process.arch) : parsePlatform(opts.platform);
  if (!platform)
    throw new LayerscopeError('usage', `bad --platform '${opts.platform}'`, 'write os/arch or os/arch/variant, e.g. linux/arm64/v8');
  const loaded = await loadImage(
    spec,
    { env: io.env, stdin: io.stdin, host: opts.host, context: opts.context, pull: opts.pull },
    { platform, scanSecrets, ...(layerCache ? { layerCache } : {}) },
  );
  const analysis = analyzeImage(loaded);
  const image = checkDanglingWhiteouts(loaded, analysis, opts.lenient);
  const last = image.layers.length - 1;
  const finalTree = new ImageTrees(image).stackedTree(Math.max(0, last));
  return { image, analysis, finalTree };
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err && (err as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(err) : resolve()));
  });
}

export async function runDiff(io: CliIo, argv: readonly string[]): Promise<number> {
  const program = diffProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  program.parse(argv as string[], { from: 'user' });
  const opts = diffOptionsFrom(program);
  // One cache for both sides: a layer they share is parsed once (or not at all, when cached), even while
  // both are read at once.
  const flags = program.opts<{ cache?: boolean; cacheMax?: string; debug?: boolean }>();
  const layerCache = flags.cache === false ? undefined : parsedCacheFrom(io.env, { cacheMax: flags.cacheMax });
  const secrets = await secretGateFrom(opts, process.cwd());
  const [a, b] = await Promise.all([
    readSide(opts.a, opts, io, layerCache, secrets.scan),
    readSide(opts.b, opts, io, layerCache, secrets.scan),
  ]);
  if (flags.debug === true && layerCache) io.stderr.write(cacheDebugLine(layerCache));
  for (const side of [a, b]) for (const w of side.image.warnings) io.stderr.write(`layerscope: warning: ${w}\n`);
  const diff = withNewSecrets(diffImages(a, b), a.image, b.image, secrets);
  const gate = opts.failOn.length > 0 ? evaluateDiffGate(opts.failOn, diff.a, diff.b, diff.newSecrets?.length) : undefined;
  const report = { all: opts.all, ...(gate ? { gate } : {}) };
  if (opts.json !== undefined) {
    const text = `${stringifySafeJson(diffJson(diff, gate), 2)}\n`;
    if (opts.json === '-') await write(io.stdout, text);
    else
      await writeFile(opts.json, text).catch((err: NodeJS.ErrnoException) => {
        throw new LayerscopeError(
          'usage',
          `cannot write ${opts.json}: ${err.code ?? err.message}`,
          'check the directory exists and is writable',
          { cause: err },
        );
      });
  }
  if (opts.json !== '-')
    await write(io.stdout, opts.format === 'markdown' ? renderDiffMarkdown(diff, report) : renderDiffText(diff, report));
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary)
    await appendFile(summary, renderDiffMarkdown(diff, report)).catch(() =>
      io.stderr.write('layerscope: warning: cannot append to $GITHUB_STEP_SUMMARY\n'),
    );
  return gate?.some((g) => g.failed) ? EXIT_RULE_FAILED : EXIT_OK;
}
