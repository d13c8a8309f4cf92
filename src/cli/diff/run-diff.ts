// `layerscope diff A B`: reads both images (at once: two exports or two files overlap), compares their
// final filesystems and numbers, prints the report, and gates on --fail-on (exit 1 when crossed). On a
// terminal with no report flag it opens the explorer on the comparison instead (explore-diff.ts).
import { diffImages, evaluateDiffGate, newSecretCount } from '../../core/image-diff/index.js';
import { diffJson, renderDiffMarkdown, renderDiffText } from '../../presentation/diff/index.js';
import { cacheDebugLine, parsedCacheFrom } from '../commands/layer-store-setup.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK, EXIT_RULE_FAILED, printWarnings } from '../print-error.js';
import { diffOptionsFrom, diffProgram } from './diff-options.js';
import { secretGateFrom, withNewSecrets } from './diff-secrets.js';
import { readBoth, sideWarnings } from './read-side.js';
import { withReadingGc } from '../reading-gc.js';
import { FillsAlongside } from '../fills-alongside.js';
import { checkWritable, writeOutputChunks, writeStreamChunks } from '../output-file.js';
import { safeJsonDocument } from '../../presentation/json-chunks.js';
import { writeReportFile } from '../ci/run.js';
import { stepSummaryPath } from '../ci/prepare.js';

export async function runDiff(io: CliIo, argv: readonly string[]): Promise<number> {
  const program = diffProgram()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  program.parse(argv as string[], { from: 'user' });
  const opts = diffOptionsFrom(program);
  // One cache for both sides: a layer they share is parsed once (or not at all, when cached), even while
  // both are read at once.
  const flags = program.opts<{ cache?: boolean; cacheMax?: string; debug?: boolean }>();
  // On a terminal with no report asked for: the explorer on the comparison (explore-diff.ts).
  if (opts.explore && io.stdout.isTTY) return (await import('./explore-diff.js')).exploreDiff(io, opts, flags);
  const layerCache = flags.cache === false ? undefined : parsedCacheFrom(io.env, { cacheMax: flags.cacheMax });
  const secrets = await secretGateFrom(opts, process.cwd());
  // Layers of archive files hashed for the cache on a second thread, beside the parse (as --json does).
  const fills = new FillsAlongside(io.env);
  const extra = { layerCache, scanSecrets: secrets.scan, ...fills.readOptions(layerCache !== undefined) };
  if (opts.json !== undefined && opts.json !== '-') await checkWritable(opts.json);
  // Incremental marking off through the comparison too, not only the reads (reading-gc.ts): no key waits here.
  // The hashes' tail overlaps the comparison; the command ends once they are kept (as --json does).
  const compared = withReadingGc(async () => {
    const [a, b] = await readBoth(opts, io, extra);
    if (flags.debug === true && layerCache) io.stderr.write(cacheDebugLine(layerCache));
    // Escaped like every warning: a dangling whiteout's name is the image's.
    printWarnings(sideWarnings(a, b), (text) => io.stderr.write(text));
    const diff = withNewSecrets(diffImages(a, b), a.image, b.image, secrets);
    const gate = opts.failOn.length > 0 ? evaluateDiffGate(opts.failOn, diff.a, diff.b, newSecretCount(diff)) : undefined;
    const report = { all: opts.all, ...(gate ? { gate } : {}) };
    if (opts.json !== undefined) {
      // Made as it is written, never whole in memory (json-chunks.ts says why).
      const chunks = safeJsonDocument(diffJson(diff, gate));
      if (opts.json === '-') await writeStreamChunks(io.stdout, chunks);
      else await writeOutputChunks(opts.json, chunks);
    }
    if (opts.json !== '-')
      await writeStreamChunks(io.stdout, [opts.format === 'markdown' ? renderDiffMarkdown(diff, report) : renderDiffText(diff, report)]);
    // As --ci does: a summary that cannot be written fails the command (exit 2) and says why, rather
    // than let a job that expects the summary pass without it.
    const summary = stepSummaryPath(io.env, process.cwd());
    if (summary) await writeReportFile(summary, renderDiffMarkdown(diff, report), 'GitHub step summary', true);
    return gate?.some((g) => g.failed) ? EXIT_RULE_FAILED : EXIT_OK;
  });
  return compared.finally(async () => {
    await fills.settle();
    const kept = fills.debugLine();
    if (flags.debug === true && kept) io.stderr.write(kept);
  });
}
