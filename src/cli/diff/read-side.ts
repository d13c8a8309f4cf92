// One side of `layerscope diff`: the image read from its source, checked like every command checks it
// (dangling whiteouts), analysed, and its final filesystem stacked.
import { analyzeImage } from '../../core/analyze.js';
import { isLayerscopeError, LayerscopeError } from '../../core/errors.js';
import type { DiffInput } from '../../core/image-diff/index.js';
import { ImageTrees } from '../../core/image-trees.js';
import { parsePlatform, type ReadOptions } from '../../io/read-options.js';
import { checkDanglingWhiteouts } from '../analysis-command.js';
import type { CliIo } from '../cli-io.js';
import { hostPlatform } from '../host-platform.js';
import { loadImage } from '../load-image.js';
import type { SourceSpec } from '../source-spec.js';
import { progressLine } from '../progress-line.js';
import { bothProgress } from './both-progress.js';
import type { DiffOptions } from './diff-options.js';

/**
 * `extra`: the layer cache, for the explorer the store that keeps stream layers (keepLayer) and where a
 * registry's layers can be fetched again (onBlobSource), and for
 * --fail-on new-secrets the secrets scan; the progress sink of this side.
 */
export async function readSide(
  spec: SourceSpec,
  opts: DiffOptions,
  io: CliIo,
  extra: Pick<
    ReadOptions,
    'layerCache' | 'keepLayer' | 'scanSecrets' | 'onProgress' | 'deferCacheFill' | 'hashAlongside' | 'hashWorkerMinBytes' | 'onBlobSource'
  >,
): Promise<DiffInput> {
  const platform = opts.platform === undefined ? hostPlatform(process.arch) : parsePlatform(opts.platform);
  if (!platform)
    throw new LayerscopeError('usage', `bad --platform '${opts.platform}'`, 'write os/arch or os/arch/variant, e.g. linux/arm64/v8');
  const loaded = await loadImage(
    spec,
    { env: io.env, stdin: io.stdin, host: opts.host, context: opts.context, pull: opts.pull },
    {
      platform,
      platformIsHostDefault: opts.platform === undefined,
      scanSecrets: extra.scanSecrets === true,
      ...(extra.layerCache ? { layerCache: extra.layerCache } : {}),
      ...(extra.keepLayer ? { keepLayer: extra.keepLayer } : {}),
      ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
      ...(extra.deferCacheFill ? { deferCacheFill: extra.deferCacheFill } : {}),
      ...(extra.hashAlongside ? { hashAlongside: extra.hashAlongside } : {}),
      ...(extra.hashWorkerMinBytes !== undefined ? { hashWorkerMinBytes: extra.hashWorkerMinBytes } : {}),
      ...(extra.onBlobSource ? { onBlobSource: extra.onBlobSource } : {}),
    },
  );
  const analysis = analyzeImage(loaded);
  const image = checkDanglingWhiteouts(loaded, analysis, opts.lenient);
  const last = image.layers.length - 1;
  const finalTree = new ImageTrees(image).stackedTree(Math.max(0, last));
  return { image, analysis, finalTree };
}

/** Each side's warnings, saying which side: both images may have warnings of the same kind. */
export const sideWarnings = (a: DiffInput, b: DiffInput): string[] => [
  ...a.image.warnings.map((w) => `A: ${w}`),
  ...b.image.warnings.map((w) => `B: ${w}`),
];

/** An error reading one side says which side, as a damaged archive's message may not name its file. */
function sideError(side: 'A' | 'B', error: unknown): unknown {
  return isLayerscopeError(error) ? new LayerscopeError(error.kind, `${side}: ${error.message}`, error.hint, { cause: error }) : error;
}

/** Both sides read at once, under one progress line on a terminal's stderr (erased before anything else is shown). */
export async function readBoth(
  opts: DiffOptions,
  io: CliIo,
  extra: Pick<
    ReadOptions,
    'layerCache' | 'keepLayer' | 'scanSecrets' | 'deferCacheFill' | 'hashAlongside' | 'hashWorkerMinBytes' | 'onBlobSource'
  >,
  /** Called on each progress report (the diff explorer starts loading its UI on the first: run-explore.ts). */
  onProgress: () => void = () => undefined,
): Promise<readonly [DiffInput, DiffInput]> {
  const progress = progressLine(io.stderr, 'A and B');
  const [onA, onB] = bothProgress((p) => {
    progress.update(p);
    onProgress();
  });
  try {
    return await Promise.all([
      readSide(opts.a, opts, io, { ...extra, onProgress: onA }).catch((e: unknown) => Promise.reject(sideError('A', e))),
      readSide(opts.b, opts, io, { ...extra, onProgress: onB }).catch((e: unknown) => Promise.reject(sideError('B', e))),
    ]);
  } finally {
    progress.done();
  }
}
