// What extract checks before it writes anything: plain names, nothing below a symlink the same
// extraction makes, hardlinks that lead to a file, and nothing already there unless --force.
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { ContentReader } from '../../core/content.js';
import type { LayerEntry } from '../../core/model.js';
import type { PathId } from '../../core/path-table.js';

export interface ExtractItem {
  /** Where it goes, relative to the directory, '/'-separated. */
  readonly relPath: string;
  /** How messages name it (already escaped by the caller). */
  readonly shown: string;
  readonly entry: LayerEntry;
  readonly path: PathId;
  /** The layer whose version is written. */
  readonly layer: number;
  /** Where a file's bytes lie (a hardlink's: its target's), when known: files are written in that order. */
  readonly bytesAt?: { readonly layer: number; readonly offset: number };
}

export const refuse = (message: string, hint: string): LayerscopeError => new LayerscopeError('usage', message, hint);

export function componentsOf(item: ExtractItem): string[] {
  const parts = item.relPath.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0'))) {
    throw refuse(
      `refusing to extract ${item.shown}: its name does not stay inside the directory`,
      'the image holds a hostile or damaged name',
    );
  }
  return parts;
}

export const exists = (path: string) =>
  lstat(path).then(
    (s) => s,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    },
  );

/** How messages name a place in DIR: image names escaped by the caller's `show`. */
export type Place = (parts: readonly string[]) => string;

/**
 * Before any write: names, entries below a symlink the same extraction makes, hardlinks that resolve to
 * no file, and what is already there unless `force`. Below a path found absent nothing can be there, so
 * it is not asked again (into a new directory: one lstat, where it was one per entry).
 */
export async function checkFirst(
  root: string,
  items: readonly ExtractItem[],
  reader: ContentReader,
  force: boolean,
  place: Place,
): Promise<void> {
  const links = new Set<string>();
  const absent = new Set<string>();
  for (const item of items) {
    const parts = componentsOf(item);
    let below = false;
    for (let i = 1; i < parts.length; i++) {
      const above = parts.slice(0, i).join('/');
      if (links.has(above))
        throw refuse(`refusing to extract ${item.shown}: it lies below a symlink in the image`, "extract the symlink's target instead");
      below ||= absent.has(above);
    }
    if (item.entry.kind === 'symlink') links.add(item.relPath);
    // A hardlink that leads nowhere (a loop, a missing or non-regular target) fails here, before any
    // write: a read of no bytes resolves the link without reading.
    if (item.entry.kind === 'hardlink') await reader.read(item.layer, item.path, 0, 0);
    if (below) continue;
    const there = await exists(join(root, ...parts));
    if (!there) absent.add(item.relPath);
    else if (!force && !(item.entry.kind === 'dir' && there.isDirectory())) {
      throw refuse(`${place(parts)} already exists; nothing was extracted`, 'pass --force to overwrite, or extract elsewhere with -o DIR');
    }
  }
}
