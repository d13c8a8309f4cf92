// Writes files of an image into a directory without ever writing outside it, whatever the names say:
// every name is checked to be plain components (no '', '.', '..'), every parent is lstat'ed on the way
// down and must be a real directory (never a symlink, whether the image made it or it was there before),
// files are created with O_EXCL ('wx': fails on anything already there, a symlink included), modes keep
// only the permission bits (no setuid, setgid or sticky), and device nodes and fifos are skipped.
import { chmod, lstat, mkdir, open, realpath, rm, symlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { ContentReader } from '../../core/content.js';
import { FileWrites } from './file-writes.js';
import { writeOrder } from './write-order.js';
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

export interface ExtractSummary {
  files: number;
  dirs: number;
  links: number;
  skipped: number;
}

const CHUNK = 1 << 20;
const PERMISSIONS = 0o777;

const refuse = (message: string, hint: string): LayerscopeError => new LayerscopeError('usage', message, hint);

function componentsOf(item: ExtractItem): string[] {
  const parts = item.relPath.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\0'))) {
    throw refuse(
      `refusing to extract ${item.shown}: its name does not stay inside the directory`,
      'the image holds a hostile or damaged name',
    );
  }
  return parts;
}

const exists = (path: string) =>
  lstat(path).then(
    (s) => s,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    },
  );

/** Creates (or checks) each parent of `parts` under `root`: real directories only. */
/** How messages name a place in DIR: image names escaped by the caller's `show`. */
type Place = (parts: readonly string[]) => string;

/**
 * `checked`: directories this extraction made or found to be real ones, not looked at again (an lstat
 * per parent of every file was half the system calls of extracting /usr: 40k for 5.7k files).
 */
async function parentsOf(root: string, parts: readonly string[], item: ExtractItem, place: Place, checked: Set<string>): Promise<string> {
  let at = root;
  for (const [i, part] of parts.slice(0, -1).entries()) {
    at = join(at, part);
    if (checked.has(at)) continue;
    const info = await exists(at);
    if (!info) await mkdir(at, { mode: 0o755 });
    else if (!info.isDirectory()) {
      throw refuse(
        `refusing to extract ${item.shown}: ${place(parts.slice(0, i + 1))} is ${info.isSymbolicLink() ? 'a symlink' : 'not a directory'}, and nothing is written through it`,
        'extract into an empty directory (-o DIR)',
      );
    }
    checked.add(at);
  }
  return join(at, parts[parts.length - 1]!);
}

/** --force: what is at `target` goes, unless it is a directory (never removed recursively). */
async function clear(target: string, shown: string): Promise<void> {
  const info = await exists(target);
  if (info?.isDirectory()) throw refuse(`${shown} is a directory; not replaced even with --force`, 'extract elsewhere with -o DIR');
  if (info) await rm(target);
}

/** A file made with exactly its permission bits, or removed again when its bytes fail to come. */
async function writeFileBytes(target: string, item: ExtractItem, write: (handle: FileHandle) => Promise<void>): Promise<void> {
  const handle = await open(target, 'wx', item.entry.mode & PERMISSIONS);
  try {
    await write(handle);
  } catch (error) {
    // A file cut short is not left behind looking whole.
    await handle.close();
    await rm(target, { force: true });
    throw error;
  }
  await handle.close();
  // open's mode goes through the umask; say the permission bits exactly, and nothing more.
  await chmod(target, item.entry.mode & PERMISSIONS);
}

async function writeFile(
  target: string,
  shown: string,
  item: ExtractItem,
  reader: ContentReader,
  force: boolean,
  writes: FileWrites,
): Promise<void> {
  if (force) await clear(target, shown);
  const first = await reader.read(item.layer, item.path, 0, CHUNK);
  if (first.length < CHUNK) {
    return writes.add(() =>
      writeFileBytes(target, item, async (handle) => {
        if (first.length > 0) await handle.write(first);
      }),
    );
  }
  await writeFileBytes(target, item, async (handle) => {
    await handle.write(first);
    for (let at = CHUNK; ; at += CHUNK) {
      const bytes = await reader.read(item.layer, item.path, at, CHUNK);
      if (bytes.length > 0) await handle.write(bytes);
      if (bytes.length < CHUNK) break;
    }
  });
}

/**
 * Checks everything first (names, existing files unless `force`, entries below a symlink the same
 * extraction makes, hardlinks that resolve to no file), then writes `items` (parents before children) under `dir`.
 */
export async function extractFiles(
  dir: string,
  items: readonly ExtractItem[],
  reader: ContentReader,
  force: boolean,
  show: (name: string) => string,
): Promise<ExtractSummary> {
  const place: Place = (parts) => join(dir, ...parts.map(show));
  await mkdir(dir, { recursive: true });
  const root = await realpath(dir);
  const links = new Set<string>();
  for (const item of items) {
    const parts = componentsOf(item);
    for (let i = 1; i < parts.length; i++) {
      if (links.has(parts.slice(0, i).join('/')))
        throw refuse(`refusing to extract ${item.shown}: it lies below a symlink in the image`, "extract the symlink's target instead");
    }
    if (item.entry.kind === 'symlink') links.add(item.relPath);
    // A hardlink that leads nowhere (a loop, a missing or non-regular target) fails here, before any
    // write: a read of no bytes resolves the link without reading.
    if (item.entry.kind === 'hardlink') await reader.read(item.layer, item.path, 0, 0);
    const there = await exists(join(root, ...parts));
    if (there && !force && !(item.entry.kind === 'dir' && there.isDirectory())) {
      throw refuse(`${place(parts)} already exists; nothing was extracted`, 'pass --force to overwrite, or extract elsewhere with -o DIR');
    }
  }
  const summary: ExtractSummary = { files: 0, dirs: 0, links: 0, skipped: 0 };
  const checked = new Set<string>();
  const writes = new FileWrites();
  try {
    await writeAll(root, items, reader, force, place, summary, checked, writes);
  } finally {
    // Nothing goes on writing once extract has returned, nor after it failed.
    await writes.settle().catch(() => undefined);
  }
  await writes.settle();
  return summary;
}

async function writeAll(
  root: string,
  items: readonly ExtractItem[],
  reader: ContentReader,
  force: boolean,
  place: Place,
  summary: ExtractSummary,
  checked: Set<string>,
  writes: FileWrites,
): Promise<void> {
  for (const item of writeOrder(items)) {
    const kind = item.entry.kind;
    if (kind === 'char' || kind === 'block' || kind === 'fifo') {
      summary.skipped++;
      continue;
    }
    const parts = componentsOf(item);
    const target = await parentsOf(root, parts, item, place, checked);
    const shown = place(parts);
    if (kind === 'dir') {
      const info = await exists(target);
      if (info && !info.isDirectory()) {
        if (!force) throw refuse(`${shown} already exists; extraction stopped`, 'pass --force to overwrite');
        await clear(target, shown);
      }
      if (!info || !info.isDirectory()) await mkdir(target, { mode: (item.entry.mode & PERMISSIONS) | 0o700 });
      checked.add(target);
      summary.dirs++;
    } else if (kind === 'symlink') {
      if (force) await clear(target, shown);
      // Made, never followed: later writes lstat their parents and refuse symlinks.
      await symlink(item.entry.linkTarget ?? '', target);
      summary.links++;
    } else if (kind === 'file' || kind === 'hardlink') {
      await writeFile(target, shown, item, reader, force, writes);
      summary.files++;
    }
  }
}
