// What cat, extract and log share: their flags, reading the image (filling the layer store from stream
// sources), finding the path the user named, and which layer --layer means.
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import { normaliseName } from '../../core/names.js';
import type { PathId } from '../../core/path-table.js';
import { parsePlatform } from '../../io/read-options.js';
import { registerDaemonOptions } from '../daemon-options.js';
import { hostPlatform } from '../host-platform.js';
import { loadContextFrom, loadImage } from '../load-image.js';
import type { CliIo } from '../cli-io.js';
import { parseSourceSpec, SOURCE_FLAG_VALUES } from '../source-spec.js';
import { cacheDebugLine, contentSetup, DEFAULT_CACHE_MAX, type ContentSetup } from './layer-store-setup.js';

export function contentCommand(name: string, description: string): Command {
  const command = new Command(`layerscope ${name}`)
    .description(description)
    .argument('<source>', 'the image, as for `layerscope SOURCE` (NAME[:TAG], docker-archive:PATH, oci:DIR, -, …)')
    .addOption(new Option('--source <kind>', 'how to read a bare SOURCE (dive spelling)').choices([...SOURCE_FLAG_VALUES]))
    .option('--platform <os/arch[/variant]>', 'which image of a multi-platform index to read')
    .option('--no-cache', 'do not keep layers read from a stream in the layer store')
    .option('--cache-max <size>', `layer store cap (default LAYERSCOPE_CACHE_MAX, else ${DEFAULT_CACHE_MAX})`)
    .option('--debug', 'print stack traces of internal errors')
    .showHelpAfterError('(run layerscope ' + name + ' --help for usage)');
  return registerDaemonOptions(command);
}

export interface LoadedImage {
  readonly image: ImageModel;
  readonly content: ContentSetup;
}

export async function loadForContent(io: CliIo, source: string, opts: Record<string, unknown>): Promise<LoadedImage> {
  const spec = parseSourceSpec(source, opts.source as string | undefined, existsSync);
  const platform = typeof opts.platform === 'string' ? parsePlatform(opts.platform) : hostPlatform(process.arch);
  if (!platform)
    throw new LayerscopeError(
      'usage',
      `bad --platform '${String(opts.platform)}'`,
      'write os/arch or os/arch/variant, e.g. linux/arm64/v8',
    );
  const content = contentSetup(io.env, { cache: opts.cache as boolean | undefined, cacheMax: opts.cacheMax as string | undefined });
  const platformIsHostDefault = typeof opts.platform !== 'string';
  const image = await loadImage(spec, loadContextFrom(io, opts), {
    platform,
    platformIsHostDefault,
    ...content.readOptions,
    ...content.refetchOptions,
  });
  // --debug: what the layer cache saved, the line `layerscope --debug IMAGE` and diff print, said once
  // the read worked (an error stays one line and a hint); here, so cat, extract and log all say it.
  const { layerCache } = content.readOptions;
  if (opts.debug === true && layerCache) io.stderr.write(cacheDebugLine(layerCache));
  return { image, content };
}

/** The path as the user typed it ('/etc/x', 'etc/x/'), as the image's path table has it. */
export function findPath(image: ImageModel, typed: string): { id: PathId | undefined; shown: string } {
  const path = normaliseName(typed).path;
  return { id: image.paths.find(path), shown: `/${path}` };
}

/**
 * --layer's value, checked as it is parsed, before the image is read (a typo should not wait for a
 * large image): a whole number from 1, written in digits (Number() would take 0x4 and 1e0).
 */
export function layerNumber(text: string): string {
  if (!/^[1-9]\d*$/.test(text.trim())) {
    throw new InvalidArgumentError('Give a layer number as the explorer shows it: 1 = base.');
  }
  return text.trim();
}

/** --layer N (1 = base, as the explorer numbers layers) → 0-based; default the final image. */
export function layerIndex(image: ImageModel, text: unknown): number {
  if (text === undefined) return image.layers.length - 1;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > image.layers.length) {
    throw new LayerscopeError(
      'usage',
      `bad --layer '${String(text)}': the image has layers 1 to ${image.layers.length}`,
      'layers are numbered as the explorer shows them, 1 = base',
    );
  }
  return n - 1;
}
