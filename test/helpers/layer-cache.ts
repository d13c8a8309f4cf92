// A parsed-layer cache in a test's directory, and what it holds.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LayerStore } from '../../src/io/store/layer-store.js';
import { ParsedLayerCache } from '../../src/io/store/parsed-cache.js';

export const cacheIn = (root: string): ParsedLayerCache => new ParsedLayerCache(new LayerStore(root, 1 << 30));

/** The digests (hex) the cache under `root` keeps parses for; none when it has never kept one. */
export const kept = (root: string): string[] => {
  try {
    return readdirSync(join(root, 'entries', 'sha256'));
  } catch {
    return [];
  }
};
