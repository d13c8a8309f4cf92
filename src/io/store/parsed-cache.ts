// Parsed layers kept by diff id (entries/sha256/<hex>, format in entries-format.ts), so re-reading an
// image parses only the layers it has not seen. Only a diff id that was checked is ever a name here: the
// sha256 of the uncompressed tar computed during the parse (or checked by the source against it, or
// computed by a daemon on a root-made socket when it stored the layer: trusted-layers.ts). Files
// are written to a temporary name and renamed (atomic: two processes writing one layer leave one whole
// copy); a file that fails its header checks is deleted and the layer parsed again. Within one process
// a diff id is parsed once, whoever asks (`layerscope diff A B` of images sharing a base).
import { access, readFile, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParsedLayer } from '../archive/parse-layer.js';
import { decodeEntries, encodeEntries } from './entries-format.js';
import { ConfigCache } from './config-cache.js';
import { exportRecordsDir } from './export-record-path.js';
import { ExportRecords } from './export-records.js';
import { replaceFile } from './replace-file.js';
import type { LayerStore } from './layer-store.js';

const DIGEST = /^sha256:([0-9a-f]{64})$/;
const hexOf = (diffId: string): string => {
  const m = DIGEST.exec(diffId);
  if (!m) throw new Error(`not a sha256 diff id: ${diffId}`);
  return m[1]!;
};

/** A parse whose tar's sha256 was computed (or checked by the source) as it ran. */
export interface VerifiedParse {
  readonly parsed: ParsedLayer;
  /** `sha256:…` of the uncompressed tar, when it is known to be that. */
  readonly diffId?: string;
}

export interface CacheStats {
  /** Layers parsed from their bytes. */
  parsed: number;
  /** Layers taken from the cache (or from another read of this process). */
  recalled: number;
}

export class ParsedLayerCache {
  readonly stats: CacheStats = { parsed: 0, recalled: 0 };
  /** Images made whole from the cache without reading their source (a daemon's, not exported). */
  imagesUnread = 0;
  private readonly inFlight = new Map<string, Promise<ParsedLayer>>();

  /** Image configs by digest, for a registry or daemon read that finds every layer here. */
  readonly configs: ConfigCache;
  /** What a daemon's export of an image named beside its config and layers (export-records.ts). */
  readonly exports: ExportRecords;

  constructor(readonly store: LayerStore) {
    this.configs = new ConfigCache(join(store.root, 'entries', 'config'), store.tmpDir);
    this.exports = new ExportRecords(exportRecordsDir(store.root), store.tmpDir);
  }

  get entriesDir(): string {
    return this.store.entriesDir;
  }
  /** Docker <= 24 names a layer <v1 id>/layer.tar; the v1 id is a hash of the diff-id chain up to it. */
  get aliasDir(): string {
    return join(this.store.root, 'entries', 'v1id');
  }

  entriesPath(diffId: string): string {
    return join(this.entriesDir, hexOf(diffId));
  }

  /** The stored parse of `diffId` (touched for LRU), or undefined; a damaged file is removed. */
  async get(diffId: string): Promise<ParsedLayer | undefined> {
    if (!DIGEST.test(diffId)) return undefined;
    const path = this.entriesPath(diffId);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) return undefined;
    const decoded = decodeEntries(bytes, diffId);
    if (typeof decoded === 'string') {
      await rm(path, { force: true });
      return undefined;
    }
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
    return decoded;
  }

  /** Whether a parse of `diffId` is stored (not whether it is whole: `get` checks that). */
  async holds(diffId: string): Promise<boolean> {
    if (!DIGEST.test(diffId)) return false;
    return access(this.entriesPath(diffId)).then(
      () => true,
      () => false,
    );
  }

  /** Keeps a parse under its diff id (temp + rename), then holds the store to its cap (layer-store.ts). */
  async put(diffId: string, parsed: ParsedLayer): Promise<void> {
    const bytes = encodeEntries(diffId, parsed);
    if (bytes.length > this.store.maxBytes) return;
    await replaceFile(this.entriesDir, hexOf(diffId), this.store.tmpDir, bytes);
    await this.store.written(bytes.length);
  }

  /**
   * The layer `diffId` names: from this process's reads, the cache (under `diffId`, or `blobDigest`, the
   * digest of the compressed blob it was read from), or `parse` (run once per diff id). What `parse`
   * returns is stored only when its computed diff id is `diffId`, and carries that id (`tarDigest`).
   */
  async recall(diffId: string, parse: () => Promise<VerifiedParse>, withSecrets = false, blobDigest?: string): Promise<ParsedLayer> {
    const shared = this.inFlight.get(diffId);
    if (shared) {
      const layer = await shared;
      // Bytes another read of this process found not to hash to `diffId` were that read's, not this one's.
      if (!hashedOtherwise(layer, diffId)) {
        this.stats.recalled++;
        return layer;
      }
    }
    const found = (async () => {
      const cached = await this.cached(diffId, withSecrets, blobDigest);
      if (cached) {
        this.stats.recalled++;
        return cached;
      }
      const result = await this.parsed(parse);
      if (result.diffId === diffId) await this.put(diffId, result.parsed).catch(() => undefined);
      return result.diffId ? { ...result.parsed, tarDigest: result.diffId } : result.parsed;
    })();
    this.inFlight.set(diffId, found);
    const forget = (): void => {
      if (this.inFlight.get(diffId) === found) this.inFlight.delete(diffId);
    };
    found.then((layer) => {
      if (hashedOtherwise(layer, diffId)) forget();
    }, forget);
    return found;
  }

  /**
   * The parses of every diff id of `diffIds`, from this process's reads or the cache, for a read with no
   * bytes to parse (a daemon's image not exported): all of them, counted as recalled, or undefined and
   * nothing counted when one is missing.
   */
  async recallStored(diffIds: readonly string[], withSecrets: boolean): Promise<Map<string, ParsedLayer> | undefined> {
    const distinct = [...new Set(diffIds)];
    // Whether each is there before any is decoded: a rebuilt image misses its top layer.
    const there = await Promise.all(distinct.map(async (d) => this.inFlight.has(d) || (await this.holds(d))));
    if (!there.every(Boolean)) return undefined;
    const found = await Promise.all(distinct.map(async (d) => (await this.sharedParse(d)) ?? (await this.cached(d, withSecrets))));
    if (found.some((p) => p === undefined)) return undefined;
    const parses = new Map(distinct.map((d, i) => [d, found[i]!]));
    for (const [d, parsed] of parses) if (!this.inFlight.has(d)) this.inFlight.set(d, Promise.resolve(parsed));
    this.stats.recalled += distinct.length;
    return parses;
  }

  /** This process's parse of `diffId`: none when it failed, or its bytes turned out to be another layer's. */
  private async sharedParse(diffId: string): Promise<ParsedLayer | undefined> {
    const layer = await this.inFlight.get(diffId)?.catch(() => undefined);
    return layer && !hashedOtherwise(layer, diffId) ? layer : undefined;
  }

  /**
   * The stored parse of `diffId` (or of the compressed blob `blobDigest` it was read from), not counted;
   * undefined when there is none that answers (a read that scans needs a parse that scanned).
   */
  async cached(diffId: string, withSecrets: boolean, blobDigest?: string): Promise<ParsedLayer | undefined> {
    // A compressed blob hashed as it lay in the file is kept under its own digest (hash-alongside.ts).
    const cached = (await this.get(diffId)) ?? (blobDigest && blobDigest !== diffId ? await this.get(blobDigest) : undefined);
    // A parse kept without a secrets scan cannot answer a read that scans: parse it again (and keep that).
    if (!cached || (withSecrets && !cached.secrets)) return undefined;
    if (withSecrets) return cached;
    const { secrets: _unasked, ...rest } = cached;
    return rest;
  }

  /** Counts a parse (the test hook and `--debug` report them). */
  async parsed(parse: () => Promise<VerifiedParse>): Promise<VerifiedParse> {
    this.stats.parsed++;
    return parse();
  }

  /** The diff id a Docker <= 24 layer id was seen to have, when one was recorded. */
  async aliased(v1Id: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{64}$/.test(v1Id)) return undefined;
    const text = await readFile(join(this.aliasDir, v1Id), 'utf8').catch(() => undefined);
    return text !== undefined && DIGEST.test(text) ? text : undefined;
  }

  async alias(v1Id: string, diffId: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(v1Id) || !DIGEST.test(diffId)) return;
    await replaceFile(this.aliasDir, v1Id, this.store.tmpDir, diffId).catch(() => undefined);
  }
}

/** Whether `layer` was parsed from a tar seen to hash to another digest than `diffId`. */
const hashedOtherwise = (layer: ParsedLayer, diffId: string): boolean => layer.tarDigest !== undefined && layer.tarDigest !== diffId;
