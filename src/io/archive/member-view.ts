// The members of one archive as the image readers see them (read-image-archive.ts): member paths with
// links followed, JSON members parsed, layers made sure of (parsed now when the archive is a file), and
// the layers a trusted producer's stream held kept in the cache once the config names them.
import { LayerscopeError } from '../../core/errors.js';
import type { ImageModel } from '../../core/model.js';
import type { ReadOptions } from '../read-options.js';
import { assembleModel, type ImageParts } from '../image/assemble-model.js';
import { parseJsonBlob, tooBig } from '../image/json-blob.js';
import type { ArchiveMembers } from './archive-members.js';
import { configDiffIds } from './layer-blobs.js';
import type { ParsedLayer } from './parse-layer.js';
import { keepTrustedLayers, learnAliases } from './trusted-layers.js';

const MAX_LINK_HOPS = 16;

/** What an image was made of, config bytes included (a daemon read keeps them: read-from-daemon.ts). */
export type SeeParts = (parts: ImageParts, configBytes: Uint8Array) => void;

export class Members {
  constructor(
    readonly m: ArchiveMembers,
    readonly where: string,
  ) {}

  /** Follows symlinked members (Docker <= 24 writes a repeated layer as a link to the first copy). */
  resolve(path: string): string {
    let at = path;
    for (let hop = 0; hop < MAX_LINK_HOPS && this.m.links.has(at); hop++) at = this.m.links.get(at)!;
    return at;
  }

  /** The bytes of a JSON member as they were in the archive. */
  jsonBytes(path: string): Uint8Array | undefined {
    const bytes = this.m.json.get(this.resolve(path));
    return bytes === 'too-big' ? undefined : bytes;
  }

  /** The model of `parts`, shown to `see` first (with the config's bytes). */
  assemble(parts: ImageParts, configPath: string, see: SeeParts | undefined): ImageModel {
    const bytes = see && this.jsonBytes(configPath);
    if (bytes) see(parts, bytes);
    return assembleModel(parts);
  }

  json(path: string): unknown {
    const bytes = this.m.json.get(this.resolve(path));
    if (bytes === 'too-big') throw tooBig(`'${path}' in ${this.where}`);
    return bytes === undefined ? undefined : parseJsonBlob(bytes, `'${path}' in ${this.where}`);
  }

  /** Makes sure the layer members at `paths` are parsed (an archive read from a file parses them now). */
  async load(paths: readonly string[], diffIds?: readonly (string | undefined)[]): Promise<void> {
    await this.m.load?.(
      paths.map((p) => this.resolve(p)),
      diffIds,
    );
  }

  /**
   * Keeps the layers at `paths` that were parsed unhashed under the diff ids `config` gives them, and
   * learns the v1 ids of those hashed to the diff id the config gives.
   */
  async keepTrusted(paths: readonly string[], config: unknown, opts: ReadOptions): Promise<void> {
    const layers = paths.map((p) => this.resolve(p)).map((member) => ({ member, parsed: this.m.layers.get(member)! }));
    await keepTrustedLayers(opts.layerCache, this.m.unhashed, layers, configDiffIds(config));
    await learnAliases(opts.layerCache, layers, configDiffIds(config));
  }

  has(path: string): boolean {
    const at = this.resolve(path);
    return this.m.layers.has(at) || this.m.json.has(at) || this.m.other.has(at);
  }

  layer(path: string, index: number): ParsedLayer {
    const parsed = this.m.layers.get(this.resolve(path));
    if (parsed) return parsed;
    if (this.has(path)) {
      throw new LayerscopeError(
        'archive',
        `layer ${index + 1} ('${path}') in ${this.where} is neither a tar, gzip nor zstd stream`,
        'layerscope reads tar layers (plain, gzip or zstd); the archive may be damaged',
      );
    }
    throw new LayerscopeError(
      'archive',
      `layer ${index + 1} ('${path}') named by the manifest is missing from ${this.where}`,
      'the archive is incomplete; export the image again (docker save, skopeo copy)',
    );
  }
}
