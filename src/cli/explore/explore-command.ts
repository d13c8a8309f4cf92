// The explore command (the default: `layerscope SOURCE` with neither --json nor --ci): its flags typed
// once at the edge of commander, the NO_COLOR rule, the dangling-whiteout check shared with the other
// commands, and warnings printed once the explorer has given the terminal back.
import type { ImageModel } from '../../core/index.js';
import { analyzeImage } from '../../core/analyze.js';
import type { ReadProgress } from '../../io/read-options.js';
import { checkDanglingWhiteouts } from '../analysis-command.js';
import { runExplore, type ExploreOptions } from './run-explore.js';
import { printWarnings } from '../print-error.js';

/** The flags the explorer reads. */
export interface ExploreFlags {
  /** false with --no-color */
  readonly color: boolean;
  readonly ascii: boolean;
  /** --config FILE: the key-binding file */
  readonly config?: string;
  readonly lenient: boolean;
}

/** Where the explorer runs: the process's streams and environment, as the CLI was given them. */
export interface ExploreIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
}

/** The explore flags out of commander's option bag, checked rather than cast. */
export function exploreFlags(opts: Readonly<Record<string, unknown>>): ExploreFlags {
  return {
    color: opts.color !== false,
    ascii: opts.ascii === true,
    lenient: opts.lenient === true,
    ...(typeof opts.config === 'string' ? { config: opts.config } : {}),
  };
}

/** Colour unless --no-color, or NO_COLOR is set to anything but the empty string (no-color.org). */
export function useColor(flags: ExploreFlags, env: NodeJS.ProcessEnv): boolean {
  return flags.color && !(env.NO_COLOR !== undefined && env.NO_COLOR !== '');
}

export async function runExploreCommand(
  load: (onProgress: (p: ReadProgress) => void) => Promise<ImageModel>,
  flags: ExploreFlags,
  io: ExploreIo,
  label: string,
  content?: ExploreOptions['content'],
  afterFirstFrame?: ExploreOptions['afterFirstFrame'],
): Promise<number> {
  // Same refusal as --json/--ci. analyzeImage is cached per image, so the explorer pays nothing more;
  // a lenient warning is printed once the explorer is gone, where the restored terminal keeps it.
  const warnings: string[] = [];
  const loadChecked = async (onProgress: (p: ReadProgress) => void): Promise<ImageModel> => {
    const image = await load(onProgress);
    warnings.push(...checkDanglingWhiteouts(image, analyzeImage(image), flags.lenient).warnings);
    return image;
  };
  try {
    return await runExplore(loadChecked, {
      color: useColor(flags, io.env),
      ascii: flags.ascii,
      label,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      ...(flags.config !== undefined ? { keyConfigPath: flags.config } : {}),
      ...(content ? { content } : {}),
      ...(afterFirstFrame ? { afterFirstFrame } : {}),
    });
  } finally {
    printWarnings(warnings, (text) => io.stderr.write(text));
  }
}
