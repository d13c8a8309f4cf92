// Explicit bounds on what an image may make layerscope do. An image is untrusted input, and a small
// archive can describe a huge structure (a manifest naming one layer a million times, indexes that fan
// out a thousand-fold, 10,000 directory levels, a gzip bomb of tar headers): each bound turns such an
// input into one clear error instead of minutes of work, gigabytes of memory or a stack overflow.
// Generous next to real images (Docker itself stops at 125-128 layers; PATH_MAX is 4096). README "Limits".
import { LayerscopeError } from '../../core/errors.js';

export const LIMITS = {
  /** Images listed in one manifest.json. */
  images: 10_000,
  /** Layers in one image. */
  layers: 1000,
  /** Tar entries in one layer, and in all the layers of an archive together (a repeated layer counts each time). */
  entries: 2_000_000,
  /** Distinct paths in one image, parent directories included. */
  paths: 2_000_000,
  /** Bytes of one path in a layer. */
  pathBytes: 4096,
  /** Directory levels of one path. */
  pathDepth: 256,
  /** Steps in a config's history. */
  historySteps: 10_000,
  /** Index levels above a manifest (an index inside an index inside …). */
  indexDepth: 4,
  /** Descriptors read from all the indexes of one archive or layout together. */
  indexDescriptors: 10_000,
  /** Bytes of one descriptor's annotations, keys and values. */
  annotationBytes: 256 * 1024,
} as const;

/** A bound crossed while reading a layer, where the layer's name is not known yet (read-errors.ts adds it). */
export class LimitExceeded extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'LimitExceeded';
  }
}

const HINT = 'layerscope bounds what one image may make it do (README: Limits); this image is beyond them, or crafted';

/** The error for a crossed bound: `what` says what and where, e.g. "manifest.json of x.tar lists 2000000 layers". */
export const overLimit = (what: string, limit: number): LayerscopeError =>
  new LayerscopeError('archive', `${what}; the limit is ${limit.toLocaleString('en-US')}`, HINT);

export const limitInLayer = (what: string, limit: number): LimitExceeded =>
  new LimitExceeded(`${what}; the limit is ${limit.toLocaleString('en-US')}`, HINT);

/** The first few of a list for a one-line message, with how many more there are. */
export function someOf(labels: readonly string[], shown = 5): string {
  const more = labels.length - shown;
  return more > 0 ? `${labels.slice(0, shown).join(', ')} and ${more} more` : labels.join(', ');
}
