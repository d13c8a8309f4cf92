// The non-interactive commands: `--json FILE|-` and `--ci`. Both read the image once, analyse it once.
import { analyzeImage } from '../core/analyze.js';
import { LayerscopeError } from '../core/errors.js';
import type { ImageModel } from '../core/model.js';
import type { ImageAnalysis } from '../core/tree-types.js';
import { exportJson } from '../presentation/json-export.js';
import { safeJsonDocument } from '../presentation/json-chunks.js';
import { runCi, type PreparedCi } from './ci/index.js';
import type { CliIo } from './cli-io.js';
import { EXIT_OK, printWarnings } from './print-error.js';
import { checkWritable, writeOutputChunks, writeStreamChunks } from './output-file.js';

/**
 * A whiteout that deletes nothing means the archive and its history disagree: refuse unless told.
 * Returns the image with a warning added when lenient (the same object when there is nothing to say).
 */
export function checkDanglingWhiteouts(image: ImageModel, analysis: ImageAnalysis, lenient: boolean): ImageModel {
  const dangling = analysis.danglingWhiteouts ?? [];
  if (dangling.length === 0) return image;
  const first = dangling[0]!;
  // Numbered from 1 (the base), as `--layer` and every other message number layers; the core counts from 0.
  const more = dangling.length > 1 ? ` (and ${dangling.length - 1} more)` : '';
  const message = `layer ${first.layer + 1} deletes '/${first.path}', which no layer below it has${more}`;
  if (!lenient)
    throw new LayerscopeError(
      'archive',
      `dangling whiteout: ${message}`,
      'the archive may be damaged or built by a tool that records deletions it never made; --lenient analyses it anyway',
    );
  return { ...image, warnings: [...image.warnings, `dangling whiteout: ${message}`] };
}

export async function runAnalysisCommand(args: {
  load: () => Promise<ImageModel>;
  opts: Record<string, unknown>;
  ci: PreparedCi | undefined;
  io: CliIo;
}): Promise<number> {
  const { opts, ci, io } = args;
  const jsonTarget = typeof opts.json === 'string' ? opts.json : undefined;
  if (jsonTarget === '-' && ci) {
    throw new LayerscopeError('usage', '--json - and --ci both write to stdout', 'give --json a file name, or use --ci-format json');
  }
  // Where the results go is checked before a long read, not after it.
  if (jsonTarget !== undefined && jsonTarget !== '-') await checkWritable(jsonTarget);
  const loaded = await args.load();
  const analysis = analyzeImage(loaded);
  const image = checkDanglingWhiteouts(loaded, analysis, opts.lenient === true);
  printWarnings(image.warnings, (s) => io.stderr.write(s));
  if (jsonTarget !== undefined) {
    // Made as it is written, never whole in memory (json-chunks.ts says why).
    const chunks = safeJsonDocument(exportJson(image, analysis, { includeFiles: opts.jsonFiles === true }));
    if (jsonTarget === '-') await writeStreamChunks(io.stdout, chunks);
    else await writeOutputChunks(jsonTarget, chunks);
  }
  if (!ci) return EXIT_OK;
  return runCi({
    image,
    analysis,
    prepared: ci,
    opts,
    env: io.env,
    cwd: process.cwd(),
    stdout: io.stdout,
    isTTY: io.stdout.isTTY === true,
  });
}
